using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record PublishResponse(uint SubscriptionId, uint[] AvailableSequenceNumbers, bool MoreNotifications, NotificationMessage Message, StatusCode[] AcknowledgementResults)
    : IUaResponse<PublishResponse>
{
    public static uint BinaryEncodingId => ServiceIds.PublishResponse;

    public static PublishResponse Decode(ref UaBinaryReader reader)
    {
        var subscriptionId = reader.ReadUInt32();
        var available = reader.ReadArray(static (ref UaBinaryReader r) => r.ReadUInt32());
        var more = reader.ReadBoolean();
        var message = NotificationMessage.Decode(ref reader);
        var results = StatusCodeResults.Decode(ref reader);
        return new PublishResponse(subscriptionId, available, more, message, results);
    }
}
