using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record GetEndpointsResponse(EndpointDescription[] Endpoints) : IUaResponse<GetEndpointsResponse>
{
    public static uint BinaryEncodingId => ServiceIds.GetEndpointsResponse;

    public static GetEndpointsResponse Decode(ref UaBinaryReader reader) => new(reader.ReadArray(EndpointDescription.Decode));
}
