using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record BrowseResponse(BrowseResult[] Results) : IUaResponse<BrowseResponse>
{
    public static uint BinaryEncodingId => ServiceIds.BrowseResponse;

    public static BrowseResponse Decode(ref UaBinaryReader reader) => new(BrowseResult.DecodeResults(ref reader));
}
