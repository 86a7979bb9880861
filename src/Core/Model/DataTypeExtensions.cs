namespace Proxus.Core.Model;

/// <summary>Classification helpers for <see cref="DataType"/>.</summary>
public static class DataTypeExtensions
{
    /// <summary>True for the integer and floating-point types (the ones that scale, convert and have a deadband).</summary>
    public static bool IsNumeric(this DataType type) => type is not (DataType.Bool or DataType.String or DataType.DateTime);

    /// <summary>The width in bytes of a fixed-size numeric or boolean type; 0 for String and DateTime.</summary>
    public static int FixedSize(this DataType type) => type switch
    {
        DataType.Bool or DataType.Byte or DataType.SByte => 1,
        DataType.Int16 or DataType.UInt16 => 2,
        DataType.Int32 or DataType.UInt32 or DataType.Float32 => 4,
        DataType.Int64 or DataType.UInt64 or DataType.Float64 => 8,
        _ => 0,
    };
}
