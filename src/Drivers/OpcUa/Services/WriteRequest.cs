using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>Write (Part 4 section 5.11.4): one WriteValue (node, attribute, range, value) per item.</summary>
internal sealed record WriteRequest(IReadOnlyCollection<(NodeId NodeId, AttributeId Attribute, DataValue Value)> Nodes) : IUaRequest
{
    public uint BinaryEncodingId => ServiceIds.WriteRequest;

    public void Encode(UaBinaryWriter writer)
        => writer.WriteArray(Nodes, static (w, node) =>
        {
            w.WriteNodeId(node.NodeId);
            w.WriteUInt32((uint)node.Attribute);
            w.WriteString(null);
            w.WriteDataValue(node.Value);
        });
}
