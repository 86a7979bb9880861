using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>OpenSecureChannel response: the security token and the server nonce (Part 4 section 5.5.2).</summary>
internal sealed record OpenSecureChannelResponse(uint ChannelId, uint TokenId, DateTime CreatedAt, uint RevisedLifetimeMs, byte[]? ServerNonce)
    : IUaResponse<OpenSecureChannelResponse>
{
    public static uint BinaryEncodingId => ServiceIds.OpenSecureChannelResponse;

    public static OpenSecureChannelResponse Decode(ref UaBinaryReader reader)
    {
        reader.ReadUInt32();
        return new OpenSecureChannelResponse(reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadDateTime(), reader.ReadUInt32(), reader.ReadByteString());
    }
}
