using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>The result of one browse path: status and the matching targets (Part 4 section 5.8.4.2).</summary>
internal sealed record TranslateBrowsePathsResponse(StatusCode Status, ExpandedNodeId[] Targets) : IUaResponse<TranslateBrowsePathsResponse>
{
    public static uint BinaryEncodingId => ServiceIds.TranslateBrowsePathsToNodeIdsResponse;

    public static TranslateBrowsePathsResponse Decode(ref UaBinaryReader reader)
    {
        if (reader.ReadArrayLength() != 1)
        {
            throw new OpcUaException(StatusCode.BadUnknownResponse, "Expected exactly one browse path result.");
        }

        var status = reader.ReadStatusCode();
        var targets = reader.ReadArray(static (ref UaBinaryReader r) =>
        {
            var target = r.ReadExpandedNodeId();
            r.ReadUInt32();
            return target;
        });
        StatusCodeResults.SkipDiagnostics(ref reader);
        return new TranslateBrowsePathsResponse(status, targets);
    }
}
