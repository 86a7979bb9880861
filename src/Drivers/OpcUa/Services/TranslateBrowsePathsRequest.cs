using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa.Services;

/// <summary>
/// TranslateBrowsePathsToNodeIds (Part 4 section 5.8.4) for one path of browse names followed over
/// hierarchical references (subtypes included).
/// </summary>
internal sealed record TranslateBrowsePathsRequest(NodeId StartingNode, IReadOnlyCollection<QualifiedName> Path) : IUaRequest
{
    private static readonly NodeId HierarchicalReferences = new(33u);

    public uint BinaryEncodingId => ServiceIds.TranslateBrowsePathsToNodeIdsRequest;

    public void Encode(UaBinaryWriter writer)
    {
        writer.WriteInt32(1);
        writer.WriteNodeId(StartingNode);
        writer.WriteArray(Path, static (w, name) =>
        {
            w.WriteNodeId(HierarchicalReferences);
            w.WriteBoolean(false);
            w.WriteBoolean(true);
            w.WriteQualifiedName(name);
        });
    }
}
