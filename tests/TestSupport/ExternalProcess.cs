using System.Diagnostics;
using System.Text;

namespace Proxus.TestSupport;

/// <summary>
/// A third-party peer (mosquitto, a Python or Node script, ...) started by a test and stopped by its
/// process id when disposed. Standard output and error are captured for assertions and diagnostics.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    private ExternalProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardOutput
    {
        get { lock (_gate) { return _stdout.ToString(); } }
    }

    public string StandardError
    {
        get { lock (_gate) { return _stderr.ToString(); } }
    }

    public static ExternalProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var external = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) => external.Append(external._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => external.Append(external._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return external;
    }

    /// <summary>Runs a command to completion within the timeout and returns it (killed if it overran).</summary>
    public static async Task<ExternalProcess> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var external = Start(fileName, arguments, workingDirectory);
        await external.WaitForExitAsync(timeout);
        return external;
    }

    /// <summary>Waits for exit; kills the process tree and throws <see cref="TimeoutException"/> if it takes longer.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not exit within {timeout}. stdout: {StandardOutput} stderr: {StandardError}");
        }

        // Drain the asynchronous output readers.
        _process.WaitForExit();
    }

    /// <summary>Waits until a line of standard output or error contains the text.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!HasPrinted(text))
        {
            if (_process.HasExited)
            {
                // HasExited turns true before the asynchronous readers have delivered the last lines
                // (Process.HasExited's documentation): a client that prints its result and exits at once
                // (mosquitto_sub after a refused SUBSCRIBE) would look as if it had not printed it.
                // Wait for the end of both streams, then look again.
                using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(drained.Token);
                if (HasPrinted(text))
                {
                    return;
                }

                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before printing '{text}'. stdout: {StandardOutput} stderr: {StandardError}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' not seen within {timeout}. stdout: {StandardOutput} stderr: {StandardError}");
            }

            await Task.Delay(20);
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // The kill was delivered; a zombie is reaped by the runtime.
        }

        _process.Dispose();
    }

    private bool HasPrinted(string text) => StandardOutput.Contains(text, StringComparison.Ordinal) || StandardError.Contains(text, StringComparison.Ordinal);

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }
}
