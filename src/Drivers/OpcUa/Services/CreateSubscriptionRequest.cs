using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>CreateSubscription (Part 4 section 5.13.2).</summary>
internal sealed record CreateSubscriptionRequest(double PublishingIntervalMs, uint LifetimeCount, uint MaxKeepAliveCount, uint MaxNotificationsPerPublish, byte Priority) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.CreateSubscriptionRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteDouble(PublishingIntervalMs);
        writer.WriteUInt32(LifetimeCount);
        writer.WriteUInt32(MaxKeepAliveCount);
        writer.WriteUInt32(MaxNotificationsPerPublish);
        writer.WriteBoolean(true);
        writer.WriteByte(Priority);
    }
}
