namespace Proxus.Server.Writes;

/// <summary>The audit event types of governed writes; the subject is <c>write:{id}</c> or <c>site:{id}</c>.</summary>
public static class WriteAuditEventTypes
{
    public const string Prefix = "writes.";
    public const string SiteWritesSet = "writes.site-writes-set";
    public const string Requested = "writes.requested";
    public const string ApprovalRecorded = "writes.approval";
    public const string Approved = "writes.approved";
    public const string Rejected = "writes.rejected";
    public const string Cancelled = "writes.cancelled";
    public const string Expired = "writes.expired";
    public const string Dispatched = "writes.dispatched";
    public const string Succeeded = "writes.succeeded";
    public const string Failed = "writes.failed";
    public const string TimedOut = "writes.timed-out";
    public const string Reconciled = "writes.reconciled";
    public const string ResultRejected = "writes.result-rejected";
}
