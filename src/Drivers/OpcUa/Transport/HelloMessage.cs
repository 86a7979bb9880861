using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>The client's Hello: its buffer limits and the endpoint URL (Part 6 section 7.1.2.3).</summary>
internal sealed record HelloMessage(uint ProtocolVersion, int ReceiveBufferSize, int SendBufferSize, int MaxMessageSize, int MaxChunkCount, string EndpointUrl)
{
    /// <summary>Longest endpoint URL the specification allows in a Hello.</summary>
    public const int MaxEndpointUrlLength = 4096;

    public byte[] Encode()
    {
        using var writer = new UaBinaryWriter(256);
        writer.Reserve(ChunkHeader.Size);
        writer.WriteUInt32(ProtocolVersion);
        writer.WriteInt32(ReceiveBufferSize);
        writer.WriteInt32(SendBufferSize);
        writer.WriteInt32(MaxMessageSize);
        writer.WriteInt32(MaxChunkCount);
        writer.WriteString(EndpointUrl);
        new ChunkHeader(MessageType.Hello, ChunkType.Final, writer.Position).Write(writer.GetSpan(0, ChunkHeader.Size));
        return writer.ToArray();
    }
}
