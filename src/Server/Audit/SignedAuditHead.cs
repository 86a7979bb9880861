using System.Buffers.Binary;

namespace Proxus.Server.Audit;

/// <summary>
/// The newest entry of the chain, signed with the server's audit-signing key (ECDSA P-256,
/// SHA-256, IEEE P1363) and exported outside the database, so that deleting the newest entries,
/// which leaves a valid shorter chain, is still detected.
/// </summary>
public sealed record SignedAuditHead(long Sequence, string Hash, DateTimeOffset Timestamp, string Signature)
{
    private static readonly byte[] Tag = "proxus-audit-head-v1"u8.ToArray();

    /// <summary>The signed bytes: tag, sequence (8, BE), hash (32), timestamp in microseconds (8, BE).</summary>
    public static byte[] SignedBytes(long sequence, byte[] hash, DateTimeOffset timestamp)
    {
        var bytes = new byte[Tag.Length + 8 + hash.Length + 8];
        Tag.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Tag.Length), sequence);
        hash.CopyTo(bytes, Tag.Length + 8);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Tag.Length + 8 + hash.Length), AuditHasher.ToMicroseconds(timestamp));
        return bytes;
    }
}
