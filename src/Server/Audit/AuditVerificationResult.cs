namespace Proxus.Server.Audit;

/// <summary>The outcome of walking the chain: intact, or the first entry that breaks it and why.</summary>
public sealed record AuditVerificationResult(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem)
{
    public static AuditVerificationResult Intact(long entries) => new(true, entries, null, null);

    public static AuditVerificationResult Broken(long entries, long sequence, string problem) => new(false, entries, sequence, problem);
}
