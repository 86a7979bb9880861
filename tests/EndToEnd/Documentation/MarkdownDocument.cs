using System.Text;
using System.Text.RegularExpressions;

namespace Proxus.EndToEnd.Tests.Documentation;

/// <summary>
/// A Markdown file split the way the checks need it: prose lines (with inline code spans), fenced
/// code blocks with their info string, and the anchors of its headings as GitHub derives them.
/// </summary>
public sealed partial class MarkdownDocument
{
    private MarkdownDocument(string path, IReadOnlyList<MarkdownLine> prose, IReadOnlyList<MarkdownLine> code, IReadOnlySet<string> anchors)
    {
        Path = path;
        Prose = prose;
        Code = code;
        Anchors = anchors;
    }

    public string Path { get; }

    /// <summary>Lines outside fenced code blocks.</summary>
    public IReadOnlyList<MarkdownLine> Prose { get; }

    /// <summary>Lines inside fenced code blocks, with the block's language.</summary>
    public IReadOnlyList<MarkdownLine> Code { get; }

    /// <summary>Heading anchors: GitHub's slugs, duplicates numbered <c>-1</c>, <c>-2</c>, ...</summary>
    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownDocument Load(string path)
    {
        var prose = new List<MarkdownLine>();
        var code = new List<MarkdownLine>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? fence = null;
        string language = string.Empty;
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            var trimmed = text.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                language = trimmed[3..].Trim();
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }
                else
                {
                    code.Add(new MarkdownLine(number, text, language));
                }

                continue;
            }

            prose.Add(new MarkdownLine(number, text, string.Empty));
            if (Heading().Match(text) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups[1].Value);
                var count = seen.GetValueOrDefault(slug);
                seen[slug] = count + 1;
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
            }
        }

        return new MarkdownDocument(path, prose, code, anchors);
    }

    /// <summary>GitHub's heading anchor: lower case; letters, digits, <c>-</c> and <c>_</c> kept; spaces become <c>-</c>; the rest dropped.</summary>
    public static string Slug(string heading)
    {
        var builder = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('-');
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
