namespace Proxus.Web.Services;

/// <summary>Audit log filters, all optional and combined with AND; <see cref="To"/> is exclusive.</summary>
public sealed record AuditFilter(DateTimeOffset? From, DateTimeOffset? To, string? Actor, string? Type, long AfterSequence = 0);
