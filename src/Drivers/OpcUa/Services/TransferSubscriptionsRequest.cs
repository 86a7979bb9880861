using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>TransferSubscriptions (Part 4 section 5.13.7) to a new session, asking for the current values again.</summary>
internal sealed record TransferSubscriptionsRequest(IReadOnlyCollection<uint> SubscriptionIds) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.TransferSubscriptionsRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteArray(SubscriptionIds, static (w, id) => w.WriteUInt32(id));
        writer.WriteBoolean(true);
    }
}
