using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>GetEndpoints (Part 4 section 5.4.4).</summary>
internal sealed record GetEndpointsRequest(string EndpointUrl) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.GetEndpointsRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteString(EndpointUrl);
        writer.WriteInt32(-1);
        writer.WriteInt32(-1);
    }
}
