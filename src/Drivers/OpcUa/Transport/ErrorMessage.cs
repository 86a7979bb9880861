using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Transport;

/// <summary>An ERR message: the status code and reason a peer closes the connection with (Part 6 section 7.1.2.5).</summary>
internal sealed record ErrorMessage(StatusCode Error, string? Reason)
{
    public const int MaxReasonLength = 4096;

    public static ErrorMessage Decode(ReadOnlySpan<byte> body)
    {
        var reader = new UaBinaryReader(body, UaEncodingLimits.Default with { MaxStringLength = MaxReasonLength });
        return new ErrorMessage(reader.ReadStatusCode(), reader.ReadString());
    }

    public OpcUaException ToException() => new(Error, "The server closed the connection: " + (string.IsNullOrEmpty(Reason) ? Error.Name : Reason));

    public byte[] Encode()
    {
        using var writer = new UaBinaryWriter(64);
        writer.Reserve(ChunkHeader.Size);
        writer.WriteStatusCode(Error);
        writer.WriteString(Reason);
        new ChunkHeader(MessageType.Error, ChunkType.Final, writer.Position).Write(writer.GetSpan(0, ChunkHeader.Size));
        return writer.ToArray();
    }
}
