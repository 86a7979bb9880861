using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>One MonitoredItemCreateResult per item: status, server id, revised sampling and queue size.</summary>
internal sealed record CreateMonitoredItemsResponse((StatusCode Status, uint Id, double SamplingIntervalMs, uint QueueSize)[] Results)
    : IUaResponse<CreateMonitoredItemsResponse>
{
    public static uint BinaryEncodingId => ServiceIds.CreateMonitoredItemsResponse;

    public static CreateMonitoredItemsResponse Decode(ref UaBinaryReader reader)
    {
        var results = reader.ReadArray(static (ref UaBinaryReader r) =>
        {
            var result = (r.ReadStatusCode(), r.ReadUInt32(), r.ReadDouble(), r.ReadUInt32());
            r.ReadExtensionObject();
            return result;
        });
        StatusCodeResults.SkipDiagnostics(ref reader);
        return new CreateMonitoredItemsResponse(results);
    }
}
