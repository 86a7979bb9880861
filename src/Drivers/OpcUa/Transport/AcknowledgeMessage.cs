using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>The server's Acknowledge: the limits it revised (Part 6 section 7.1.2.4).</summary>
internal sealed record AcknowledgeMessage(uint ProtocolVersion, int ReceiveBufferSize, int SendBufferSize, int MaxMessageSize, int MaxChunkCount)
{
    /// <summary>The smallest buffer the specification lets either side announce.</summary>
    public const int MinBufferSize = 8192;

    /// <summary>Decodes the body (after the 8-byte header) and checks the revised limits.</summary>
    public static AcknowledgeMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new UaBinaryReader(body);
        var ack = new AcknowledgeMessage(reader.ReadUInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (ack.ReceiveBufferSize < MinBufferSize || ack.SendBufferSize < MinBufferSize)
        {
            throw new OpcUaException(StatusCode.BadTcpInternalError, $"The server announced buffers smaller than {MinBufferSize} bytes ({ack.ReceiveBufferSize}/{ack.SendBufferSize}).");
        }

        if (ack.MaxMessageSize < 0 || ack.MaxChunkCount < 0)
        {
            throw new OpcUaException(StatusCode.BadTcpInternalError, "The server announced negative limits.");
        }

        return ack;
    }

    public byte[] Encode()
    {
        using var writer = new UaBinaryWriter(64);
        writer.Reserve(ChunkHeader.Size);
        writer.WriteUInt32(ProtocolVersion);
        writer.WriteInt32(ReceiveBufferSize);
        writer.WriteInt32(SendBufferSize);
        writer.WriteInt32(MaxMessageSize);
        writer.WriteInt32(MaxChunkCount);
        new ChunkHeader(MessageType.Acknowledge, ChunkType.Final, writer.Position).Write(writer.GetSpan(0, ChunkHeader.Size));
        return writer.ToArray();
    }
}
