using System.Buffers;
using System.Buffers.Binary;

namespace Proxus.Drivers.S7.Protocol;

/// <summary>
/// RFC 1006 section 6 TPKT framing: version 3, a reserved byte and a big-endian 16-bit length that
/// counts the 4-byte header itself.
/// </summary>
public static class TpktFrame
{
    public const byte Version = 3;

    public const int HeaderLength = 4;

    /// <summary>The smallest legal TPKT: header plus the shortest COTP TPDU (RFC 1006 section 6).</summary>
    public const int MinimumLength = 7;

    public static void WriteHeader(Span<byte> destination, int frameLength)
    {
        if (frameLength is < MinimumLength or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(frameLength));
        }

        destination[0] = Version;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)frameLength);
    }

    /// <summary>
    /// Reads one TPKT and returns its TPDU (the bytes after the TPKT header). Returns false and
    /// consumes nothing while the frame is incomplete; throws <see cref="S7Exception"/> on a
    /// malformed header or a length above <paramref name="maxFrameLength"/>, before anything is buffered.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, int maxFrameLength, out ReadOnlySequence<byte> tpdu)
    {
        tpdu = default;
        Span<byte> header = stackalloc byte[HeaderLength];
        if (!reader.TryCopyTo(header))
        {
            return false;
        }

        if (header[0] != Version)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"TPKT version {header[0]} is not {Version}.");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        if (length < MinimumLength)
        {
            throw new S7Exception(S7ErrorReason.MalformedFrame, $"TPKT length {length} is below the minimum of {MinimumLength}.");
        }

        if (length > maxFrameLength)
        {
            throw new S7Exception(S7ErrorReason.FrameTooLarge, $"TPKT length {length} exceeds the limit of {maxFrameLength}.");
        }

        if (reader.Remaining < length)
        {
            return false;
        }

        tpdu = reader.UnreadSequence.Slice(HeaderLength, length - HeaderLength);
        reader.Advance(length);
        return true;
    }
}
