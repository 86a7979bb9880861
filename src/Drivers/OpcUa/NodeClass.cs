namespace Proxus.Drivers.OpcUa;

/// <summary>The class of a node (Part 3 section 5.2.2); a bit mask in Browse filters.</summary>
[Flags]
public enum NodeClass
{
    Unspecified = 0,
    Object = 1,
    Variable = 2,
    Method = 4,
    ObjectType = 8,
    VariableType = 16,
    ReferenceType = 32,
    DataType = 64,
    View = 128,
}
