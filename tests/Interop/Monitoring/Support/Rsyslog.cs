using System.Text;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Monitoring.Support;

/// <summary>
/// Debian's rsyslogd started in the foreground with a config of its own: imudp and imtcp on free
/// loopback ports, every message written to <see cref="MessagesPath"/> in the RFC 5424 layout
/// (from the fields rsyslog parsed) and its structured data, parsed by mmpstrucdata, as JSON to
/// <see cref="StructuredDataPath"/>. Stopped by its process id.
/// </summary>
public sealed class Rsyslog : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/rsyslogd";

    private readonly ExternalProcess _process;

    private Rsyslog(ExternalProcess process, string directory, int udpPort, int tcpPort)
    {
        _process = process;
        Directory = directory;
        UdpPort = udpPort;
        TcpPort = tcpPort;
    }

    public string Directory { get; }

    public int UdpPort { get; }

    public int TcpPort { get; }

    public string MessagesPath => Path.Combine(Directory, "messages.log");

    public string StructuredDataPath => Path.Combine(Directory, "structured-data.log");

    /// <summary>Starts rsyslogd; <paramref name="tcpPort"/> lets a test choose the TCP port beforehand.</summary>
    public static async Task<Rsyslog> StartAsync(int? tcpPort = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("proxus-rsyslog-").FullName;
        var udpPort = LoopbackPort.GetFree();
        tcpPort ??= LoopbackPort.GetFree();
        var config = new StringBuilder()
            .AppendLine($"global(workDirectory=\"{directory}\" maxMessageSize=\"64k\")")
            .AppendLine("module(load=\"imudp\")")
            .AppendLine("module(load=\"imtcp\")")
            .AppendLine("module(load=\"mmpstrucdata\")")
            .AppendLine($"input(type=\"imudp\" address=\"127.0.0.1\" port=\"{udpPort}\")")
            .AppendLine($"input(type=\"imtcp\" address=\"127.0.0.1\" port=\"{tcpPort}\")")
            .AppendLine("template(name=\"rfc5424\" type=\"string\" string=\"<%PRI%>1 %TIMESTAMP:::date-rfc3339% %HOSTNAME% %APP-NAME% %PROCID% %MSGID% %STRUCTURED-DATA% %msg%\\n\")")
            .AppendLine("template(name=\"sd\" type=\"string\" string=\"%$!rfc5424-sd%\\n\")")
            .AppendLine("action(type=\"mmpstrucdata\")")
            .AppendLine($"action(type=\"omfile\" file=\"{Path.Combine(directory, "messages.log")}\" template=\"rfc5424\")")
            .AppendLine($"action(type=\"omfile\" file=\"{Path.Combine(directory, "structured-data.log")}\" template=\"sd\")")
            .ToString();
        var configPath = Path.Combine(directory, "rsyslog.conf");
        await File.WriteAllTextAsync(configPath, config);
        var process = ExternalProcess.Start(Executable, ["-n", "-f", configPath, "-i", Path.Combine(directory, "rsyslogd.pid")]);
        var rsyslog = new Rsyslog(process, directory, udpPort, tcpPort.Value);
        try
        {
            await LoopbackPort.WaitUntilListeningAsync(tcpPort.Value, TimeSpan.FromSeconds(30));
        }
        catch
        {
            await rsyslog.DisposeAsync();
            throw;
        }

        return rsyslog;
    }

    /// <summary>The lines written so far (each a received message).</summary>
    public async Task<IReadOnlyList<string>> LinesAsync(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> received lines contain <paramref name="marker"/>; <paramref name="resend"/> is called every second meanwhile (UDP may lose a datagram).</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(string marker, int count = 1, Func<Task>? resend = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var lastSend = DateTime.UtcNow;
        while (true)
        {
            var lines = (await LinesAsync(MessagesPath)).Where(l => l.Contains(marker, StringComparison.Ordinal)).ToList();
            if (lines.Count >= count)
            {
                return lines;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"rsyslog received {lines.Count} of {count} messages with '{marker}'. stderr: {_process.StandardError}");
            }

            if (resend is not null && DateTime.UtcNow - lastSend > TimeSpan.FromSeconds(1))
            {
                await resend();
                lastSend = DateTime.UtcNow;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
