namespace Proxus.Drivers.OpcUa;

public readonly partial struct Variant
{
    /// <summary>
    /// Wraps a CLR value, inferring the built-in type: bool, sbyte, byte, short, ushort, int, uint, long,
    /// ulong, float, double, string, DateTime, Guid, byte[] (ByteString), NodeId, ExpandedNodeId,
    /// StatusCode, QualifiedName, LocalizedText, ExtensionObject, DataValue, DiagnosticInfo, a
    /// <see cref="Variant"/> (returned as is), or a one-dimensional array of any of them.
    /// </summary>
    /// <exception cref="OpcUaException">BadTypeMismatch for a CLR type with no OPC UA built-in type.</exception>
    public static Variant From(object? value)
    {
        switch (value)
        {
            case null:
                return Null;
            case Variant variant:
                return variant;
            case byte[] bytes:
                return new Variant(BuiltInType.ByteString, bytes);
            case Array array when array.Rank == 1:
                var elementType = array.GetType().GetElementType()!;
                return new Variant(TypeOf(elementType) ?? throw Unsupported(elementType), array, isArray: true);
            default:
                var type = value.GetType();
                return new Variant(TypeOf(type) ?? throw Unsupported(type), value);
        }
    }

    /// <summary>The built-in type a CLR type maps to, or null.</summary>
    internal static BuiltInType? TypeOf(Type type) => type switch
    {
        _ when type == typeof(bool) => BuiltInType.Boolean,
        _ when type == typeof(sbyte) => BuiltInType.SByte,
        _ when type == typeof(byte) => BuiltInType.Byte,
        _ when type == typeof(short) => BuiltInType.Int16,
        _ when type == typeof(ushort) => BuiltInType.UInt16,
        _ when type == typeof(int) => BuiltInType.Int32,
        _ when type == typeof(uint) => BuiltInType.UInt32,
        _ when type == typeof(long) => BuiltInType.Int64,
        _ when type == typeof(ulong) => BuiltInType.UInt64,
        _ when type == typeof(float) => BuiltInType.Float,
        _ when type == typeof(double) => BuiltInType.Double,
        _ when type == typeof(string) => BuiltInType.String,
        _ when type == typeof(DateTime) => BuiltInType.DateTime,
        _ when type == typeof(Guid) => BuiltInType.Guid,
        _ when type == typeof(byte[]) => BuiltInType.ByteString,
        _ when type == typeof(NodeId) => BuiltInType.NodeId,
        _ when type == typeof(ExpandedNodeId) => BuiltInType.ExpandedNodeId,
        _ when type == typeof(StatusCode) => BuiltInType.StatusCode,
        _ when type == typeof(QualifiedName) => BuiltInType.QualifiedName,
        _ when type == typeof(LocalizedText) => BuiltInType.LocalizedText,
        _ when type == typeof(ExtensionObject) => BuiltInType.ExtensionObject,
        _ when type == typeof(DataValue) => BuiltInType.DataValue,
        _ when type == typeof(Variant) => BuiltInType.Variant,
        _ when type == typeof(DiagnosticInfo) => BuiltInType.DiagnosticInfo,
        _ => null,
    };

    /// <summary>The CLR type that holds a scalar of the built-in type.</summary>
    internal static Type ClrTypeOf(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => typeof(bool),
        BuiltInType.SByte => typeof(sbyte),
        BuiltInType.Byte => typeof(byte),
        BuiltInType.Int16 => typeof(short),
        BuiltInType.UInt16 => typeof(ushort),
        BuiltInType.Int32 => typeof(int),
        BuiltInType.UInt32 => typeof(uint),
        BuiltInType.Int64 => typeof(long),
        BuiltInType.UInt64 => typeof(ulong),
        BuiltInType.Float => typeof(float),
        BuiltInType.Double => typeof(double),
        BuiltInType.String or BuiltInType.XmlElement => typeof(string),
        BuiltInType.DateTime => typeof(DateTime),
        BuiltInType.Guid => typeof(Guid),
        BuiltInType.ByteString => typeof(byte[]),
        BuiltInType.NodeId => typeof(NodeId),
        BuiltInType.ExpandedNodeId => typeof(ExpandedNodeId),
        BuiltInType.StatusCode => typeof(StatusCode),
        BuiltInType.QualifiedName => typeof(QualifiedName),
        BuiltInType.LocalizedText => typeof(LocalizedText),
        BuiltInType.ExtensionObject => typeof(ExtensionObject),
        BuiltInType.DataValue => typeof(DataValue),
        BuiltInType.Variant => typeof(Variant),
        BuiltInType.DiagnosticInfo => typeof(DiagnosticInfo),
        _ => typeof(object),
    };

    private static OpcUaException Unsupported(Type type)
        => new(StatusCode.BadTypeMismatch, $"{type.Name} has no OPC UA built-in type.");
}
