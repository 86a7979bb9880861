using System.Buffers.Binary;

namespace Proxus.Agent.Buffering;

/// <summary>
/// The first bytes of a segment file, little-endian:
/// <c>magic "PXQS" (4) | format version (2) | reserved, zero (2) | first sequence (8) | CRC-32C of the 16 bytes before (4)</c>.
/// </summary>
internal static class SegmentHeader
{
    public const int Length = 20;

    public const ushort CurrentVersion = 1;

    private const uint Magic = 0x53515850; // "PXQS" read little-endian

    public static void Write(Span<byte> destination, long firstSequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], firstSequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], Crc32C.Compute(destination[..16]));
    }

    public static SegmentHeaderStatus Read(ReadOnlySpan<byte> source, out long firstSequence)
    {
        firstSequence = 0;
        if (source.Length < Length)
        {
            return SegmentHeaderStatus.Truncated;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic)
        {
            return SegmentHeaderStatus.WrongMagic;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(source[16..]) != Crc32C.Compute(source[..16]))
        {
            return SegmentHeaderStatus.BadChecksum;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(source[4..]) != CurrentVersion)
        {
            return SegmentHeaderStatus.UnsupportedVersion;
        }

        firstSequence = BinaryPrimitives.ReadInt64LittleEndian(source[8..]);
        return firstSequence < 1 ? SegmentHeaderStatus.InvalidFirstSequence : SegmentHeaderStatus.Valid;
    }
}
