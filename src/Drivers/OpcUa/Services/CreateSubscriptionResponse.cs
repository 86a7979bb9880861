using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

internal sealed record CreateSubscriptionResponse(uint SubscriptionId, double RevisedPublishingIntervalMs, uint RevisedLifetimeCount, uint RevisedMaxKeepAliveCount)
    : IUaResponse<CreateSubscriptionResponse>
{
    public static uint BinaryEncodingId => ServiceIds.CreateSubscriptionResponse;

    public static CreateSubscriptionResponse Decode(ref UaBinaryReader reader)
        => new(reader.ReadUInt32(), reader.ReadDouble(), reader.ReadUInt32(), reader.ReadUInt32());
}
