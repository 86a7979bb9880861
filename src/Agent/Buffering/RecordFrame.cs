using System.Buffers.Binary;

namespace Proxus.Agent.Buffering;

/// <summary>
/// The framing of one record in a segment file, little-endian:
/// <c>marker "PXQR" (4) | payload length (4) | sequence (8) | payload CRC-32C (4) | header CRC-32C (4) | payload</c>.
/// The header CRC covers the 20 bytes before it, so a length is trusted only once its header checks out.
/// </summary>
internal static class RecordFrame
{
    public const int HeaderLength = 24;

    /// <summary>The format's hard cap on a payload, checked before anything is allocated for it.</summary>
    public const int MaxPayloadLength = 64 << 20;

    private const uint Marker = 0x52515850; // "PXQR" read little-endian

    public static ReadOnlySpan<byte> MarkerBytes => "PXQR"u8;

    public static void WriteHeader(Span<byte> destination, long sequence, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Marker);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], Crc32C.Compute(payload));
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], Crc32C.Compute(destination[..20]));
    }

    /// <summary>
    /// Decodes a header whose marker and header CRC are intact and whose length and sequence are
    /// plausible; false for anything else (torn, overwritten or not a header at all).
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out long sequence, out int payloadLength, out uint payloadCrc)
    {
        sequence = 0;
        payloadLength = 0;
        payloadCrc = 0;
        if (header.Length < HeaderLength
            || BinaryPrimitives.ReadUInt32LittleEndian(header) != Marker
            || BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) != Crc32C.Compute(header[..20]))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        var value = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (length is < 0 or > MaxPayloadLength || value < 1)
        {
            return false;
        }

        sequence = value;
        payloadLength = length;
        payloadCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        return true;
    }
}
