using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record CreateSessionResponse(
    NodeId SessionId,
    NodeId AuthenticationToken,
    double RevisedSessionTimeoutMs,
    byte[]? ServerNonce,
    byte[]? ServerCertificate,
    EndpointDescription[] ServerEndpoints,
    SignatureData ServerSignature,
    uint MaxRequestMessageSize) : IUaResponse<CreateSessionResponse>
{
    public static uint BinaryEncodingId => ServiceIds.CreateSessionResponse;

    public static CreateSessionResponse Decode(ref UaBinaryReader reader)
    {
        var sessionId = reader.ReadNodeId();
        var token = reader.ReadNodeId();
        var timeout = reader.ReadDouble();
        var nonce = reader.ReadByteString();
        var certificate = reader.ReadByteString();
        var endpoints = reader.ReadArray(EndpointDescription.Decode);
        var softwareCertificates = reader.ReadArrayLength();
        for (var i = 0; i < softwareCertificates; i++)
        {
            reader.ReadByteStringSpan();
            reader.ReadByteStringSpan();
        }

        var signature = SignatureData.Decode(ref reader);
        return new CreateSessionResponse(sessionId, token, timeout, nonce, certificate, endpoints, signature, reader.ReadUInt32());
    }
}
