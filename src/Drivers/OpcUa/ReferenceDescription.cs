using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.OpcUa;

/// <summary>A reference found by Browse: the target node, its names, class and type (Part 4 section 7.30).</summary>
public sealed record ReferenceDescription(
    NodeId ReferenceTypeId,
    bool IsForward,
    ExpandedNodeId NodeId,
    QualifiedName BrowseName,
    LocalizedText DisplayName,
    NodeClass NodeClass,
    ExpandedNodeId TypeDefinition)
{
    internal static ReferenceDescription Decode(ref UaBinaryReader reader) => new(
        reader.ReadNodeId(),
        reader.ReadBoolean(),
        reader.ReadExpandedNodeId(),
        reader.ReadQualifiedName(),
        reader.ReadLocalizedText(),
        (NodeClass)reader.ReadInt32(),
        reader.ReadExpandedNodeId());

    public override string ToString() => $"{NodeClass} {BrowseName} ({NodeId})";
}
