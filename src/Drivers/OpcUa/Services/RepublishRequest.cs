using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>Republish (Part 4 section 5.13.6): ask again for a notification message that was missed.</summary>
internal sealed record RepublishRequest(uint SubscriptionId, uint SequenceNumber) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.RepublishRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteUInt32(SubscriptionId);
        writer.WriteUInt32(SequenceNumber);
    }
}
