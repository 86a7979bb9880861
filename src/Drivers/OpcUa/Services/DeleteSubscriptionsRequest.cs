using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>DeleteSubscriptions (Part 4 section 5.13.8).</summary>
internal sealed record DeleteSubscriptionsRequest(IReadOnlyCollection<uint> SubscriptionIds) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.DeleteSubscriptionsRequest;

    public void Encode(UaBinaryWriter writer) => writer.WriteArray(SubscriptionIds, static (w, id) => w.WriteUInt32(id));
}
