namespace Proxus.Server.Api.Contracts;

/// <summary>A connection as its YAML keys with text values (<c>id</c>, <c>protocol</c>, <c>agent</c>, endpoint keys) and its poll groups.</summary>
public sealed record ConnectionResponse(IReadOnlyDictionary<string, string> Fields, IReadOnlyList<PollGroupResponse> PollGroups);
