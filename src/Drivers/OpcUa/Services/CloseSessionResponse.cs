using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record CloseSessionResponse : IUaResponse<CloseSessionResponse>
{
    public static uint BinaryEncodingId => ServiceIds.CloseSessionResponse;

    public static CloseSessionResponse Decode(ref UaBinaryReader reader) => new();
}
