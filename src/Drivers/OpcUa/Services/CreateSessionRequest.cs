using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>CreateSession (Part 4 section 5.6.2).</summary>
internal sealed record CreateSessionRequest(
    ApplicationDescription ClientDescription,
    string EndpointUrl,
    string SessionName,
    byte[]? ClientNonce,
    byte[]? ClientCertificate,
    double RequestedSessionTimeoutMs,
    uint MaxResponseMessageSize) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.CreateSessionRequest;

    public void Encode(UaBinaryWriter writer)
    {
        ClientDescription.Encode(writer);
        writer.WriteString(null);
        writer.WriteString(EndpointUrl);
        writer.WriteString(SessionName);
        writer.WriteByteString(ClientNonce);
        writer.WriteByteString(ClientCertificate);
        writer.WriteDouble(RequestedSessionTimeoutMs);
        writer.WriteUInt32(MaxResponseMessageSize);
    }
}
