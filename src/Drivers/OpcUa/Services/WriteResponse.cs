using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record WriteResponse(StatusCode[] Results) : IUaResponse<WriteResponse>
{
    public static uint BinaryEncodingId => ServiceIds.WriteResponse;

    public static WriteResponse Decode(ref UaBinaryReader reader) => new(StatusCodeResults.Decode(ref reader));
}
