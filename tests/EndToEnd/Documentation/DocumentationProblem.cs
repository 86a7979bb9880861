namespace Proxus.EndToEnd.Tests.Documentation;

/// <summary>One broken link or command: where it is (path relative to the checked root, 1-based line) and what is wrong.</summary>
public sealed record DocumentationProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
