using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.S7.Support;

/// <summary>
/// Snap7's S7Server (node-snap7) on a free loopback port, with a line-based control connection to
/// inspect and set its memory independently of the S7 client under test.
/// </summary>
internal sealed class Snap7Server : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly ExternalProcess _process;
    private readonly TcpClient _control;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;

    private Snap7Server(ExternalProcess process, int port, TcpClient control)
    {
        _process = process;
        Port = port;
        _control = control;
        var stream = control.GetStream();
        _reader = new StreamReader(stream, Encoding.ASCII);
        _writer = new StreamWriter(stream, Encoding.ASCII) { AutoFlush = true, NewLine = "\n" };
    }

    public int Port { get; }

    /// <summary>Starts the server with the DBs ("1:256,2:4096"), M/I/Q sizes and timer/counter count.</summary>
    public static async Task<Snap7Server> StartAsync(string dataBlocks, int byteAreaSize = 64, int timersAndCounters = 16)
    {
        var port = LoopbackPort.GetFree();
        var process = NodePeer.Start("snap7-server.js", port.ToString(CultureInfo.InvariantCulture), dataBlocks, byteAreaSize.ToString(CultureInfo.InvariantCulture), timersAndCounters.ToString(CultureInfo.InvariantCulture));
        try
        {
            await process.WaitForOutputAsync("ready", Timeout);
            var line = process.StandardOutput.Split('\n').First(l => l.StartsWith("ready", StringComparison.Ordinal));
            var controlPort = int.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
            var control = new TcpClient();
            using var cts = new CancellationTokenSource(Timeout);
            await control.ConnectAsync(IPAddress.Loopback, controlPort, cts.Token);
            return new Snap7Server(process, port, control);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async Task<byte[]> GetAsync(string area, int index = 0) =>
        Convert.FromHexString(await CommandAsync($"get {area} {index}"));

    public async Task SetAsync(string area, int index, int offset, byte[] data)
    {
        var reply = await CommandAsync($"set {area} {index} {offset} {Convert.ToHexString(data)}");
        reply.Should().Be("ok");
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _process.DisposeAsync();
    }

    private async Task<string> CommandAsync(string command)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _writer.WriteLineAsync(command.AsMemory(), cts.Token);
        return await _reader.ReadLineAsync(cts.Token) ?? throw new IOException("The Snap7 control connection closed.");
    }
}
