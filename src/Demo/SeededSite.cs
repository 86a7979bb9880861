namespace Proxus.Demo;

/// <summary>A site of the sample enterprise as the server knows it: its id and its agent's id.</summary>
public sealed record SeededSite(DemoSite Site, Guid SiteId, Guid AgentId, int TagMapVersion, int TagCount);
