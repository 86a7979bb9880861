using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>ActivateSession (Part 4 section 5.6.3) with an already encoded identity token.</summary>
internal sealed record ActivateSessionRequest(SignatureData ClientSignature, NodeId IdentityTokenType, Action<UaBinaryWriter> WriteIdentityToken, SignatureData UserTokenSignature) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.ActivateSessionRequest;

    public void Encode(UaBinaryWriter writer)
    {
        ClientSignature.Encode(writer);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteString("en");
        writer.WriteExtensionObject(IdentityTokenType, WriteIdentityToken);
        UserTokenSignature.Encode(writer);
    }
}
