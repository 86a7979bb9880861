using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>A node and attribute to read or monitor (Part 4 section 7.29).</summary>
internal sealed record ReadValueId(NodeId NodeId, AttributeId AttributeId, string? IndexRange = null)
{
    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteNodeId(NodeId);
        writer.WriteUInt32((uint)AttributeId);
        writer.WriteString(IndexRange);
        writer.WriteQualifiedName(null);
    }
}
