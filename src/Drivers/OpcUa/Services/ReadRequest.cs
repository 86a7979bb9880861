using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>Read (Part 4 section 5.11.2).</summary>
internal sealed record ReadRequest(double MaxAgeMs, TimestampsToReturn Timestamps, IReadOnlyCollection<ReadValueId> Nodes) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.ReadRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteDouble(MaxAgeMs);
        writer.WriteInt32((int)Timestamps);
        writer.WriteArray(Nodes, static (w, node) => node.Encode(w));
    }
}
