using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record DeleteSubscriptionsResponse(StatusCode[] Results) : IUaResponse<DeleteSubscriptionsResponse>
{
    public static uint BinaryEncodingId => ServiceIds.DeleteSubscriptionsResponse;

    public static DeleteSubscriptionsResponse Decode(ref UaBinaryReader reader) => new(StatusCodeResults.Decode(ref reader));
}
