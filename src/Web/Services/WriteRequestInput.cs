namespace Proxus.Web.Services;

/// <summary>What a requester asks for: the tag's UNS path, the value as text in the tag's published unit, why, and an optional execution window (UTC).</summary>
public sealed record WriteRequestInput(string? Tag, string? Value, string? Reason, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter);
