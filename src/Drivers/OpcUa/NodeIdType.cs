namespace Proxus.Drivers.OpcUa;

/// <summary>The kind of identifier a <see cref="NodeId"/> carries (Part 3 section 8.2.3).</summary>
public enum NodeIdType : byte
{
    Numeric = 0,
    String = 1,
    Guid = 2,
    Opaque = 3,
}
