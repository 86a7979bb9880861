using System.Buffers;
using System.Buffers.Binary;

namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>
/// The 8-byte header of every UA TCP message and chunk: message type, chunk type and the total size
/// including the header (Part 6 section 7.1.2.2).
/// </summary>
internal readonly record struct ChunkHeader(MessageType MessageType, ChunkType ChunkType, int MessageSize)
{
    public const int Size = 8;

    /// <summary>
    /// Reads a header. Returns false, consuming nothing, when fewer than 8 bytes are available; throws
    /// BadTcpMessageTypeInvalid for an unknown type and BadTcpMessageTooLarge when the announced size is
    /// smaller than a header or larger than <paramref name="maxSize"/>.
    /// </summary>
    public static bool TryRead(ref SequenceReader<byte> reader, int maxSize, out ChunkHeader header)
    {
        header = default;
        Span<byte> bytes = stackalloc byte[Size];
        if (!reader.TryCopyTo(bytes))
        {
            return false;
        }

        var type = (MessageType)(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16));
        if (!Enum.IsDefined(type))
        {
            throw new OpcUaException(StatusCode.BadTcpMessageTypeInvalid, $"Unknown message type 0x{bytes[0]:X2}{bytes[1]:X2}{bytes[2]:X2}.");
        }

        var chunk = (ChunkType)bytes[3];
        if (chunk is not (ChunkType.Final or ChunkType.Intermediate or ChunkType.Abort))
        {
            throw new OpcUaException(StatusCode.BadTcpMessageTypeInvalid, $"Unknown chunk type 0x{bytes[3]:X2}.");
        }

        if (chunk != ChunkType.Final && type is not (MessageType.Message or MessageType.OpenSecureChannel or MessageType.CloseSecureChannel))
        {
            throw new OpcUaException(StatusCode.BadTcpMessageTypeInvalid, $"A {type} message cannot be chunked.");
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (size < Size || size > (uint)maxSize)
        {
            throw new OpcUaException(StatusCode.BadTcpMessageTooLarge, $"Message size {size} is outside 8..{maxSize}.");
        }

        reader.Advance(Size);
        header = new ChunkHeader(type, chunk, (int)size);
        return true;
    }

    public void Write(Span<byte> destination)
    {
        var type = (uint)MessageType;
        destination[0] = (byte)type;
        destination[1] = (byte)(type >> 8);
        destination[2] = (byte)(type >> 16);
        destination[3] = (byte)ChunkType;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], MessageSize);
    }
}
