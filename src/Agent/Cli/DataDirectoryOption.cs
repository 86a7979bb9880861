using System.CommandLine;
using Proxus.Agent.Storage;

namespace Proxus.Agent.Cli;

/// <summary>The <c>--data-dir</c> option of <c>enroll</c>, <c>run</c>, <c>status</c> and <c>verify-config</c>.</summary>
internal sealed class DataDirectoryOption(Func<string, string?> getEnvironmentVariable)
{
    public Option<string?> Option { get; } = new("--data-dir", "-d")
    {
        Description = $"The agent's data directory (default: ${AgentPaths.DataDirectoryVariable}, else {AgentPaths.DefaultDataDirectory})",
    };

    public AgentPaths Resolve(ParseResult result) => AgentPaths.Resolve(result.GetValue(Option), getEnvironmentVariable);
}
