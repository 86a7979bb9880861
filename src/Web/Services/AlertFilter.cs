namespace Proxus.Web.Services;

/// <summary>
/// Alert filters, all optional and combined with AND. <see cref="From"/>/<see cref="To"/> select
/// alerts active in the range (last seen at or after, first seen at or before); <see cref="SiteId"/>
/// keeps alerts about the site's agents, <see cref="AgentId"/> those about one agent.
/// </summary>
public sealed record AlertFilter(string? Rule, string? Severity, string? State, DateTimeOffset? From, DateTimeOffset? To, Guid? SiteId, Guid? AgentId, int Offset = 0);
