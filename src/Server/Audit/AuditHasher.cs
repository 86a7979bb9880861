using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Proxus.Server.Audit;

/// <summary>
/// The canonical form of an entry and its SHA-256. Canonical form, in order: the ASCII tag
/// <c>proxus-audit-v1</c>; sequence (8 bytes, big-endian); timestamp as microseconds since the Unix
/// epoch (8 bytes, big-endian, signed); actor, type, subject and data each as a 4-byte big-endian
/// UTF-8 length followed by the UTF-8 bytes; the previous hash (32 bytes). Length prefixes make the
/// encoding unambiguous: no two different entries share a canonical form.
/// </summary>
public static class AuditHasher
{
    public const int HashLength = 32;

    private static readonly byte[] Tag = "proxus-audit-v1"u8.ToArray();

    public static byte[] ComputeHash(AuditEntry entry)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Tag);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, ToMicroseconds(entry.Timestamp));
        hash.AppendData(number);
        AppendString(hash, entry.Actor);
        AppendString(hash, entry.Type);
        AppendString(hash, entry.Subject);
        AppendString(hash, entry.Data);
        hash.AppendData(entry.PreviousHash);
        return hash.GetHashAndReset();
    }

    internal static long ToMicroseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static void AppendString(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
