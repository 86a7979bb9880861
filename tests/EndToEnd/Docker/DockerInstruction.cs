namespace Proxus.EndToEnd.Tests.Docker;

/// <summary>One Dockerfile instruction: its keyword (upper case) and its argument text.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);
