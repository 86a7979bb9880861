namespace Proxus.Server.Audit;

/// <summary>One row of the append-only, hash-chained audit log.</summary>
public sealed class AuditEntry
{
    public const int MaxActorLength = 256;
    public const int MaxTypeLength = 100;
    public const int MaxSubjectLength = 512;
    public const int MaxDataLength = 16 * 1024;

    /// <summary>1, 2, 3, ... without gaps, assigned by the single writer.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string Actor { get; set; }

    public required string Type { get; set; }

    public required string Subject { get; set; }

    /// <summary>A JSON object of string values, stored verbatim (not <c>jsonb</c>: the text is hashed).</summary>
    public required string Data { get; set; }

    /// <summary>The previous entry's <see cref="Hash"/>; 32 zero bytes for the first entry.</summary>
    public required byte[] PreviousHash { get; set; }

    /// <summary>SHA-256 over the canonical form (<see cref="AuditHasher"/>).</summary>
    public required byte[] Hash { get; set; }
}
