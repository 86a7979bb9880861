using System.Text.RegularExpressions;

namespace Proxus.EndToEnd.Tests.Documentation;

/// <summary>
/// Checks Markdown files against the repository they live in. Links: a relative link must resolve to
/// a file or directory inside the root, a <c>#fragment</c> to a heading of the target Markdown file
/// (GitHub's anchors), an image must exist; an external link must be a well-formed absolute URL, and
/// <c>https</c> unless it points at this machine (the documentation's examples) — external hosts are
/// not contacted, because tests do not use the network. Commands (in shell code blocks — untagged,
/// <c>sh</c>, <c>bash</c>, <c>shell</c>, <c>console</c> — and in inline code): <c>./proxus X</c> needs a
/// subcommand of the script, <c>./proxus bench N</c> a <c>bench/N/run</c>, <c>proxus-agent VERB</c> (also as
/// <c>dotnet …/proxus-agent.dll VERB</c>) a verb of the agent, <c>dotnet run --project P</c> and
/// <c>bench/N/run</c> an existing path. An all-capitals word or path segment (<c>NAME</c>, <c>bench/NAME/run</c>) is a placeholder.
/// </summary>
public sealed partial class DocumentationChecker(string root, ProductCommands commands)
{
    private static readonly string[] ShellLanguages = ["", "sh", "bash", "shell", "console"];

    // Every page is parsed once, whether it is checked or only the target of a #fragment link.
    private readonly Dictionary<string, MarkdownDocument> _documents = new(StringComparer.Ordinal);

    public IReadOnlyList<DocumentationProblem> Check(IEnumerable<string> markdownFiles)
    {
        var problems = new List<DocumentationProblem>();
        foreach (var file in markdownFiles)
        {
            var document = Load(Path.GetFullPath(file));
            var name = Path.GetRelativePath(root, file);
            foreach (var line in document.Prose)
            {
                var withoutCode = InlineCode().Replace(line.Text, match => new string(' ', match.Length));
                foreach (Match link in Link().Matches(withoutCode))
                {
                    CheckLink(document, name, line.Number, link.Groups["target"].Value, link.Groups["image"].Success, problems);
                }

                foreach (Match code in InlineCode().Matches(line.Text))
                {
                    CheckCommand(name, line.Number, code.Groups[1].Value, problems);
                }
            }

            foreach (var line in document.Code.Where(l => ShellLanguages.Contains(l.Language, StringComparer.Ordinal)))
            {
                CheckCommand(name, line.Number, line.Text, problems);
            }
        }

        return problems;
    }

    private void CheckLink(MarkdownDocument document, string name, int line, string target, bool image, List<DocumentationProblem> problems)
    {
        if (target.StartsWith("mailto:", StringComparison.Ordinal))
        {
            return;
        }

        if (target.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                problems.Add(new DocumentationProblem(name, line, $"malformed external link '{target}'"));
            }
            else if (uri.Scheme == "http" && !uri.IsLoopback)
            {
                problems.Add(new DocumentationProblem(name, line, $"external link '{target}' is not https"));
            }

            return;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var fragment = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0
            ? document.Path
            : Path.GetFullPath(path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(document.Path)!, path));
        if (!resolved.StartsWith(root, StringComparison.Ordinal) || (!File.Exists(resolved) && !Directory.Exists(resolved)))
        {
            problems.Add(new DocumentationProblem(name, line, $"{(image ? "image" : "link")} '{target}' does not resolve to a file in the repository"));
            return;
        }

        if (fragment is not null && resolved.EndsWith(".md", StringComparison.Ordinal)
            && !Load(resolved).Anchors.Contains(fragment))
        {
            problems.Add(new DocumentationProblem(name, line, $"link '{target}': no heading with the anchor '#{fragment}'"));
        }
    }

    private void CheckCommand(string name, int line, string text, List<DocumentationProblem> problems)
    {
        var words = text.Trim().TrimStart('$').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return;
        }

        if (words[0] == "./proxus" && words.Length > 1 && !IsPlaceholder(words[1]))
        {
            if (!commands.ScriptSubcommands.Contains(words[1]))
            {
                problems.Add(new DocumentationProblem(name, line, $"'./proxus {words[1]}' is not a subcommand of ./proxus"));
            }
            else if (words[1] == "bench" && words.Length > 2 && !IsPlaceholder(words[2]) && !PathExists($"bench/{words[2]}/run"))
            {
                problems.Add(new DocumentationProblem(name, line, $"'./proxus bench {words[2]}': there is no bench/{words[2]}/run"));
            }

            return;
        }

        var agent = Array.FindIndex(words, w => w is "proxus-agent" || w.EndsWith("/proxus-agent", StringComparison.Ordinal) || w.EndsWith("proxus-agent.dll", StringComparison.Ordinal));
        var isAgentCommand = agent == 0 || (agent == 1 && words[0] == "dotnet");
        if (isAgentCommand && words.Length > agent + 1 && !words[agent + 1].StartsWith('-') && !IsPlaceholder(words[agent + 1]))
        {
            if (!commands.AgentVerbs.Contains(words[agent + 1]))
            {
                problems.Add(new DocumentationProblem(name, line, $"'proxus-agent {words[agent + 1]}' is not a verb of the agent"));
            }

            return;
        }

        if (words.Length > 3 && words[0] == "dotnet" && words[1] == "run" && words[2] == "--project" && !PathExists(words[3]))
        {
            problems.Add(new DocumentationProblem(name, line, $"'dotnet run --project {words[3]}': no such project"));
        }
        else if (words[0].StartsWith("bench/", StringComparison.Ordinal) && !words[0].Split('/').Any(IsPlaceholder) && !PathExists(words[0]))
        {
            problems.Add(new DocumentationProblem(name, line, $"'{words[0]}' does not exist"));
        }
    }

    private MarkdownDocument Load(string fullPath)
    {
        if (!_documents.TryGetValue(fullPath, out var document))
        {
            document = MarkdownDocument.Load(fullPath);
            _documents.Add(fullPath, document);
        }

        return document;
    }

    private bool PathExists(string relative)
    {
        var full = Path.Combine(root, relative.TrimStart('.', '/'));
        return File.Exists(full) || Directory.Exists(full);
    }

    private static bool IsPlaceholder(string word) => word.Any(char.IsLetter) && word.Where(char.IsLetter).All(char.IsUpper);

    [GeneratedRegex(@"`+([^`]+)`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<image>!)?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex Link();
}
