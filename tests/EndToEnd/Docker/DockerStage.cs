namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>One <c>FROM image [AS name]</c> stage and its instructions.</summary>
public sealed record DockerStage(string Image, string? Name)
{
    public List<DockerInstruction> Instructions { get; } = [];

    public IEnumerable<string> Arguments(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
}
