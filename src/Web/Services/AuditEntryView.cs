namespace Proxus.Web.Services;

/// <summary>One audit entry; <see cref="Data"/> is its JSON object of details, as stored.</summary>
public sealed record AuditEntryView(long Sequence, DateTimeOffset Timestamp, string Actor, string Type, string Subject, string Data, string Hash);
