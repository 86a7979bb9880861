using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record BrowseNextResponse(BrowseResult[] Results) : IUaResponse<BrowseNextResponse>
{
    public static uint BinaryEncodingId => ServiceIds.BrowseNextResponse;

    public static BrowseNextResponse Decode(ref UaBinaryReader reader) => new(BrowseResult.DecodeResults(ref reader));
}
