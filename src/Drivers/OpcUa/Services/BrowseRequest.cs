using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>Browse (Part 4 section 5.8.2) of one or more nodes, all references of the given type.</summary>
internal sealed record BrowseRequest(IReadOnlyCollection<NodeId> Nodes, BrowseDirection Direction, NodeId ReferenceTypeId, NodeClass NodeClassMask, uint MaxReferencesPerNode) : IUaRequest
{
    /// <summary>ReferenceType, IsForward, NodeClass, BrowseName, DisplayName, TypeDefinition.</summary>
    private const uint AllResultFields = 0x3F;

    public uint BinaryEncodingId => ServiceIds.BrowseRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteNodeId(NodeId.Null);
        writer.WriteDateTime(DateTime.MinValue);
        writer.WriteUInt32(0);
        writer.WriteUInt32(MaxReferencesPerNode);
        writer.WriteArray(Nodes, (w, node) =>
        {
            w.WriteNodeId(node);
            w.WriteInt32((int)Direction);
            w.WriteNodeId(ReferenceTypeId);
            w.WriteBoolean(true);
            w.WriteUInt32((uint)NodeClassMask);
            w.WriteUInt32(AllResultFields);
        });
    }
}
