namespace Proxus.Web.Services;

/// <summary>The outcome of verifying the chain: intact, or the first broken entry and why.</summary>
public sealed record AuditChainStatus(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem, DateTimeOffset VerifiedAt);
