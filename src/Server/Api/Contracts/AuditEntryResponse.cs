namespace Proxus.Server.Api.Contracts;

/// <summary>One audit entry; <c>data</c> is the stored JSON text, hashes are lower-case hex.</summary>
public sealed record AuditEntryResponse(long Sequence, DateTimeOffset Timestamp, string Actor, string Type, string Subject, string Data, string PreviousHash, string Hash);
