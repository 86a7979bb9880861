namespace Proxus.Drivers.OpcUa;

/// <summary>
/// A structure value carried opaquely: the NodeId of its encoding and the encoded body
/// (Part 6 section 5.2.2.15). Known service structures are decoded by the client itself; others are
/// surfaced as-is.
/// </summary>
public sealed record ExtensionObject(NodeId TypeId, ExtensionObjectEncoding Encoding, ReadOnlyMemory<byte> Body)
{
    public static ExtensionObject Null { get; } = new(NodeId.Null, ExtensionObjectEncoding.None, ReadOnlyMemory<byte>.Empty);

    public override string ToString() => $"ExtensionObject({TypeId}, {Body.Length} bytes)";
}
