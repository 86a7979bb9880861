namespace Proxus.Web.Services;

/// <summary>Write-request filters, all optional and combined with AND; <see cref="To"/> is exclusive; <see cref="Offset"/> requests are skipped.</summary>
public sealed record WriteRequestFilter(Guid? SiteId, string? State, string? Requester, DateTimeOffset? From, DateTimeOffset? To, int Offset = 0);
