using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>OpenSecureChannel request (Part 4 section 5.5.2): issue (0) or renew (1) a token.</summary>
internal sealed record OpenSecureChannelRequest(bool Renew, MessageSecurityMode SecurityMode, byte[]? ClientNonce, uint RequestedLifetimeMs) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.OpenSecureChannelRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteUInt32(0);
        writer.WriteInt32(Renew ? 1 : 0);
        writer.WriteInt32((int)SecurityMode);
        writer.WriteByteString(ClientNonce);
        writer.WriteUInt32(RequestedLifetimeMs);
    }
}
