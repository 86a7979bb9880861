using System.Globalization;

namespace Proxus.Drivers.OpcUa;

/// <summary>
/// An OPC UA NodeId: a namespace index and a numeric, string, GUID or opaque identifier (Part 3
/// section 8.2). Immutable; equal when namespace and identifier are equal. Text form per Part 6
/// section 5.3.1.10: <c>i=2258</c>, <c>ns=2;s=Line1.Speed</c>, <c>ns=1;g=...</c>, <c>ns=1;b=base64</c>.
/// </summary>
public sealed partial class NodeId : IEquatable<NodeId>
{
    private readonly uint _numeric;
    private readonly string? _text;
    private readonly Guid _guid;
    private readonly byte[]? _opaque;

    public NodeId(uint identifier, ushort namespaceIndex = 0)
    {
        IdType = NodeIdType.Numeric;
        _numeric = identifier;
        NamespaceIndex = namespaceIndex;
    }

    public NodeId(string identifier, ushort namespaceIndex)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        IdType = NodeIdType.String;
        _text = identifier;
        NamespaceIndex = namespaceIndex;
    }

    public NodeId(Guid identifier, ushort namespaceIndex)
    {
        IdType = NodeIdType.Guid;
        _guid = identifier;
        NamespaceIndex = namespaceIndex;
    }

    public NodeId(byte[] identifier, ushort namespaceIndex)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        IdType = NodeIdType.Opaque;
        _opaque = identifier;
        NamespaceIndex = namespaceIndex;
    }

    /// <summary>The null NodeId (<c>i=0</c>).</summary>
    public static NodeId Null { get; } = new(0u);

    public ushort NamespaceIndex { get; }

    public NodeIdType IdType { get; }

    public bool IsNull => IdType switch
    {
        NodeIdType.Numeric => _numeric == 0 && NamespaceIndex == 0,
        NodeIdType.String => _text!.Length == 0 && NamespaceIndex == 0,
        NodeIdType.Guid => _guid == Guid.Empty && NamespaceIndex == 0,
        _ => _opaque!.Length == 0 && NamespaceIndex == 0,
    };

    /// <summary>The numeric identifier; only meaningful when <see cref="IdType"/> is Numeric.</summary>
    public uint NumericIdentifier => _numeric;

    /// <summary>The identifier as a boxed value: uint, string, Guid or byte[].</summary>
    public object Identifier => IdType switch
    {
        NodeIdType.Numeric => _numeric,
        NodeIdType.String => _text!,
        NodeIdType.Guid => _guid,
        _ => _opaque!,
    };

    internal string StringIdentifier => _text!;

    internal Guid GuidIdentifier => _guid;

    internal byte[] OpaqueIdentifier => _opaque!;

    public static bool operator ==(NodeId? left, NodeId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(NodeId? left, NodeId? right) => !(left == right);

    public bool Equals(NodeId? other)
    {
        if (other is null || other.IdType != IdType || other.NamespaceIndex != NamespaceIndex)
        {
            return false;
        }

        return IdType switch
        {
            NodeIdType.Numeric => _numeric == other._numeric,
            NodeIdType.String => string.Equals(_text, other._text, StringComparison.Ordinal),
            NodeIdType.Guid => _guid == other._guid,
            _ => _opaque.AsSpan().SequenceEqual(other._opaque),
        };
    }

    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(NamespaceIndex);
        hash.Add(IdType);
        switch (IdType)
        {
            case NodeIdType.Numeric:
                hash.Add(_numeric);
                break;
            case NodeIdType.String:
                hash.Add(_text, StringComparer.Ordinal);
                break;
            case NodeIdType.Guid:
                hash.Add(_guid);
                break;
            default:
                hash.AddBytes(_opaque);
                break;
        }

        return hash.ToHashCode();
    }

    public override string ToString()
        => NamespaceIndex == 0 ? FormatIdentifier() : string.Create(CultureInfo.InvariantCulture, $"ns={NamespaceIndex};{FormatIdentifier()}");

    /// <summary>The identifier part of the text form, without the namespace (<c>i=85</c>, <c>s=Tag</c>).</summary>
    internal string FormatIdentifier() => IdType switch
    {
        NodeIdType.Numeric => string.Create(CultureInfo.InvariantCulture, $"i={_numeric}"),
        NodeIdType.String => "s=" + _text,
        NodeIdType.Guid => $"g={_guid:D}",
        _ => "b=" + Convert.ToBase64String(_opaque!),
    };
}
