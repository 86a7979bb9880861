namespace Proxus.EndToEnd.Tests.Documentation;

/// <summary>A line of a Markdown file: its 1-based number, its text and, inside a fenced block, the block's language.</summary>
public sealed record MarkdownLine(int Number, string Text, string Language);
