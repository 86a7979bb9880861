namespace Proxus.Drivers.OpcUa;

/// <summary>A name qualified by a namespace index (Part 3 section 8.3); the BrowseName of a node.</summary>
public sealed record QualifiedName(ushort NamespaceIndex, string? Name)
{
    public static QualifiedName Null { get; } = new(0, null);

    public override string ToString() => NamespaceIndex == 0 ? Name ?? string.Empty : $"{NamespaceIndex}:{Name}";
}
