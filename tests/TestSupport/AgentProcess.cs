using System.Globalization;
using System.Text.Json;

namespace Proxus.TestSupport;

/// <summary>
/// The real <c>proxus-agent</c>, run from the agent's own build output as operators run it:
/// <see cref="EnrollAsync"/> runs <c>proxus-agent enroll</c> to completion, <see cref="Start(string, string[])"/> runs
/// <c>proxus-agent run</c> in its own process. Disposing sends SIGTERM (a graceful stop), waits a
/// bounded time and then kills the process by its id.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    /// <summary>What a run waits for a command (<c>enroll</c>, <c>status</c>, ...) and for a graceful stop.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly Lazy<string> LazyDllPath = new(FindDll);

    private readonly ExternalProcess _process;
    private bool _disposed;

    private AgentProcess(ExternalProcess process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    /// <summary><c>src/Agent/bin/&lt;configuration&gt;/&lt;framework&gt;/proxus-agent.dll</c>, matching this test's build.</summary>
    public static string DllPath => LazyDllPath.Value;

    public int ProcessId => _process.Id;

    /// <summary>The agent's data directory (identity, configuration, queue, <c>status.json</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>Everything the agent wrote so far (standard output, then standard error).</summary>
    public string Log => _process.StandardOutput + _process.StandardError;

    /// <summary>Whether the process ended (also true once disposed).</summary>
    public bool HasExited => _disposed || _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The <c>status.json</c> the running agent writes every status interval.</summary>
    public string StatusPath => Path.Combine(DataDirectory, "status.json");

    /// <summary>
    /// Runs <c>proxus-agent enroll --server URL --token TOKEN [--ca-fingerprint FP] --data-dir DIR</c>
    /// (plus <paramref name="arguments"/>, e.g. <c>--broker mqtts://127.0.0.1:PORT</c>) and waits for it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The enrollment failed (the message carries the agent's output).</exception>
    public static Task<AgentCommandResult> EnrollAsync(Uri server, string token, string? caFingerprint, string dataDirectory, params string[] arguments)
        => EnrollWithAsync(DllPath, server, token, caFingerprint, dataDirectory, arguments);

    /// <summary>Like <see cref="EnrollAsync"/>, with another build of the agent (see <see cref="StartFrom"/>).</summary>
    /// <exception cref="InvalidOperationException">The enrollment failed (the message carries the agent's output).</exception>
    public static async Task<AgentCommandResult> EnrollWithAsync(string agentPath, Uri server, string token, string? caFingerprint, string dataDirectory, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(server);
        List<string> enroll = ["enroll", "--server", server.ToString(), "--token", token, "--data-dir", dataDirectory];
        if (caFingerprint is not null)
        {
            enroll.AddRange(["--ca-fingerprint", caFingerprint]);
        }

        var result = await CommandWithAsync(agentPath, [.. enroll, .. arguments]);
        return result.ExitCode == 0
            ? result
            : throw new InvalidOperationException($"proxus-agent enroll exited with {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {result.Output}{result.Error}");
    }

    /// <summary>Runs any <c>proxus-agent</c> command to completion (killed after <see cref="CommandTimeout"/>).</summary>
    public static Task<AgentCommandResult> CommandAsync(params string[] arguments) => CommandWithAsync(DllPath, arguments);

    /// <summary>Like <see cref="CommandAsync"/>, with another build of the agent (see <see cref="StartFrom"/>).</summary>
    public static async Task<AgentCommandResult> CommandWithAsync(string agentPath, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(agentPath);
        var (fileName, leading) = Launcher(agentPath);
        await using var process = await ExternalProcess.RunAsync(fileName, [.. leading, .. arguments], CommandTimeout);
        return new AgentCommandResult(process.ExitCode, process.StandardOutput, process.StandardError);
    }

    /// <summary>
    /// Starts <c>proxus-agent run --data-dir DIR</c> with <paramref name="arguments"/>; the status
    /// interval is 1 s unless the arguments name another.
    /// </summary>
    public static AgentProcess Start(string dataDirectory, params string[] arguments) => Start(dataDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>
    /// Starts <c>proxus-agent run --data-dir DIR</c> with <paramref name="arguments"/> and more
    /// environment variables (runtime settings such as <c>DOTNET_GCHeapHardLimit</c>, for benchmarks).
    /// </summary>
    public static AgentProcess Start(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
        => StartFrom(DllPath, dataDirectory, environment, arguments);

    /// <summary>
    /// Like <see cref="Start(string, IReadOnlyDictionary{string, string}, string[])"/>, from another
    /// build of the agent (e.g. a <c>dotnet publish</c> output, as deployed): a <c>.dll</c> runs on
    /// <c>dotnet</c>, anything else (the Native AOT executable) runs as it is.
    /// </summary>
    public static AgentProcess StartFrom(string agentPath, string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(agentPath);
        ArgumentNullException.ThrowIfNull(arguments);
        var statusInterval = arguments.Contains("--status-interval") ? [] : new[] { "--status-interval", "1" };
        var (fileName, leading) = Launcher(agentPath);
        var process = ExternalProcess.Start(fileName, [.. leading, "run", "--data-dir", dataDirectory, .. statusInterval, .. arguments], environment: environment);
        return new AgentProcess(process, dataDirectory);
    }

    /// <summary>The last <c>status.json</c> the agent wrote, or null before the first one.</summary>
    public JsonElement? ReadStatus()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(StatusPath));
            return document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Waits until the agent's log contains the text; throws if it exits first or the time runs out.</summary>
    public Task WaitForLogAsync(string text, TimeSpan timeout) => _process.WaitForOutputAsync(text, timeout);

    /// <summary>Waits for the process to exit on its own; kills it and throws <see cref="TimeoutException"/> if it does not.</summary>
    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>SIGKILL: no shutdown, no DISCONNECT, no final flush.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM, as systemd stops the agent; the agent finishes in-flight work and exits.</summary>
    public async Task StopAsync()
    {
        if (HasExited)
        {
            return;
        }

        // The agent may exit between the check and the signal, so kill's own exit code is not checked.
        var signal = await ExternalProcess.RunAsync("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)], CommandTimeout);
        await signal.DisposeAsync();

        await _process.WaitForExitAsync(StopTimeout);
    }

    /// <summary>A graceful stop bounded by a timeout, then SIGKILL by process id. Disposing twice does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        catch (TimeoutException)
        {
            // WaitForExitAsync killed it.
        }

        await _process.DisposeAsync();
        _disposed = true;
    }

    /// <summary>A <c>.dll</c> runs on <c>dotnet</c>; anything else (the Native AOT executable) runs as it is.</summary>
    private static (string FileName, string[] Leading) Launcher(string agentPath)
        => agentPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [agentPath]) : (agentPath, []);

    private static string FindDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent?.Name ?? throw new InvalidOperationException("Unexpected test output folder " + output.FullName);
        var path = Path.Combine(RepositoryPaths.Root, "src", "Agent", "bin", configuration, output.Name, "proxus-agent.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The agent is not built for {configuration}/{output.Name}; build the solution first.", path);
    }
}
