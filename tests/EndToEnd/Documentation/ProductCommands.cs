using System.Text.RegularExpressions;

namespace Proxus.EndToEnd.Tests.Documentation;

/// <summary>
/// What the documentation may name as a command, read from the sources of truth: the subcommands of
/// the <c>./proxus</c> script, the verbs of the agent's command line (its <c>System.CommandLine</c>
/// commands).
/// </summary>
public sealed partial class ProductCommands
{
    private ProductCommands(IReadOnlySet<string> scriptSubcommands, IReadOnlySet<string> agentVerbs)
    {
        ScriptSubcommands = scriptSubcommands;
        AgentVerbs = agentVerbs;
    }

    public IReadOnlySet<string> ScriptSubcommands { get; }

    public IReadOnlySet<string> AgentVerbs { get; }

    public static ProductCommands Read(string root)
    {
        var script = File.ReadAllText(Path.Combine(root, "proxus"));
        var subcommands = ScriptCase().Matches(script).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var verbs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "Agent", "Cli"), "*.cs"))
        {
            foreach (Match match in AgentCommand().Matches(File.ReadAllText(file)))
            {
                verbs.Add(match.Groups[1].Value);
            }
        }

        return new ProductCommands(subcommands, verbs);
    }

    [GeneratedRegex(@"^  ([a-z][a-z-]*)\) shift;", RegexOptions.Multiline)]
    private static partial Regex ScriptCase();

    [GeneratedRegex(@"new Command\(""([a-z][a-z-]*)""")]
    private static partial Regex AgentCommand();
}
