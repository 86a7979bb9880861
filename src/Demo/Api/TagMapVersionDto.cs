namespace Proxus.Demo.Api;

/// <summary>A tag-map version entry (the fields the demo reports).</summary>
public sealed record TagMapVersionDto(int Version, int TagCount);
