using System.Diagnostics;
using System.Text;

namespace Proxus.Demo;

/// <summary>
/// A program the demo started: its standard output and error go to a log file (and the first
/// <see cref="CaptureLimit"/> characters stay in memory to be searched); it is stopped by its
/// process id, SIGTERM first and SIGKILL after a grace period.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>How much of the early output is kept in memory (the server prints its one-time password at start).</summary>
    public const int CaptureLimit = 256 * 1024;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly StringBuilder _captured = new();
    private readonly object _gate = new();

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The beginning of the output, up to <see cref="CaptureLimit"/> characters.</summary>
    public string CapturedOutput
    {
        get { lock (_gate) { return _captured.ToString(); } }
    }

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>Starts <paramref name="fileName"/> with its output appended to <paramref name="logPath"/>.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log.Dispose();
            process.Dispose();
            throw new DemoException($"Cannot start {fileName}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end within <paramref name="timeout"/> and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string name, string fileName, IEnumerable<string> arguments, string logPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var child = Start(name, fileName, arguments, logPath);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await child._process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DemoException($"{name} did not finish within {timeout.TotalSeconds:0} s; see {logPath}.");
        }

        // Let the asynchronous readers reach the end of the output.
        child._process.WaitForExit();
        return (child.ExitCode, child.CapturedOutput);
    }

    /// <summary>SIGTERM, then SIGKILL when it has not exited after <paramref name="grace"/>; waits until it is gone.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = LibC.Kill(_process.Id, LibC.SignalTerminate);
        using var timer = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time.
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.WaitForExit();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_captured.Length < CaptureLimit)
            {
                _captured.AppendLine(line);
            }

            _log.WriteLine(line);
        }
    }
}
