using Proxus.Agent.Cli;

namespace Proxus.Agent.Tests.Support;

/// <summary>One in-process run of the <c>proxus-agent</c> root command with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeAsync(_ => null, args);

    /// <summary>Runs with environment variables looked up in <paramref name="getEnvironmentVariable"/> instead of the process environment.</summary>
    public static async Task<CliRun> InvokeAsync(Func<string, string?> getEnvironmentVariable, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancellation = new CancellationTokenSource(RunTimeout);
        var exitCode = await AgentCli.RunAsync(args, output, error, getEnvironmentVariable, cancellation.Token).WaitAsync(RunTimeout);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
