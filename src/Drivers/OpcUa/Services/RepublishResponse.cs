using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record RepublishResponse(NotificationMessage Message) : IUaResponse<RepublishResponse>
{
    public static uint BinaryEncodingId => ServiceIds.RepublishResponse;

    public static RepublishResponse Decode(ref UaBinaryReader reader) => new(NotificationMessage.Decode(ref reader));
}
