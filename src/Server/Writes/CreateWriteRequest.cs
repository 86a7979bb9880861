namespace Proxus.Server.Writes;

/// <summary>What a requester asks for: a tag by UNS path, the value (text in the tag's published unit), why, and an optional window.</summary>
public sealed record CreateWriteRequest(string? Tag, string? Value, string? Reason, DateTimeOffset? NotBefore = null, DateTimeOffset? NotAfter = null);
