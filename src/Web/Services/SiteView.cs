namespace Proxus.Web.Services;

/// <summary>A site and its agents.</summary>
public sealed record SiteView(Guid Id, string Name, string? UnsPrefix, DateTimeOffset CreatedAt, IReadOnlyList<AgentView> Agents);
