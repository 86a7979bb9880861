using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>Publish (Part 4 section 5.13.5) acknowledging received notification messages.</summary>
internal sealed record PublishRequest(IReadOnlyCollection<(uint SubscriptionId, uint SequenceNumber)> Acknowledgements) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.PublishRequest;

    public void Encode(UaBinaryWriter writer)
        => writer.WriteArray(Acknowledgements, static (w, ack) =>
        {
            w.WriteUInt32(ack.SubscriptionId);
            w.WriteUInt32(ack.SequenceNumber);
        });
}
