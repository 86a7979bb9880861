using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record TransferSubscriptionsResponse(StatusCode[] Results) : IUaResponse<TransferSubscriptionsResponse>
{
    public static uint BinaryEncodingId => ServiceIds.TransferSubscriptionsResponse;

    public static TransferSubscriptionsResponse Decode(ref UaBinaryReader reader)
    {
        var results = reader.ReadArray(static (ref UaBinaryReader r) =>
        {
            var status = r.ReadStatusCode();
            r.ReadArray(static (ref UaBinaryReader inner) => inner.ReadUInt32());
            return status;
        });
        StatusCodeResults.SkipDiagnostics(ref reader);
        return new TransferSubscriptionsResponse(results);
    }
}
