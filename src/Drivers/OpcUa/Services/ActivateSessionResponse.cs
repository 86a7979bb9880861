using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record ActivateSessionResponse(byte[]? ServerNonce) : IUaResponse<ActivateSessionResponse>
{
    public static uint BinaryEncodingId => ServiceIds.ActivateSessionResponse;

    public static ActivateSessionResponse Decode(ref UaBinaryReader reader) => new(reader.ReadByteString());
}
