using System.Globalization;

namespace Proxus.Drivers.OpcUa.Client;

/// <summary>Converts a CLR value (or its text) to a Variant of the node's built-in type, for writes.</summary>
internal static class VariantConverter
{
    public static Variant Convert(object value, BuiltInType type)
    {
        var target = Variant.ClrTypeOf(type);
        if (value.GetType() == target)
        {
            return new Variant(type, value);
        }

        try
        {
            object converted = type switch
            {
                BuiltInType.Guid => value is string text ? Guid.Parse(text) : throw Mismatch(value, type),
                BuiltInType.NodeId => value is string text ? NodeId.Parse(text) : throw Mismatch(value, type),
                BuiltInType.LocalizedText => new LocalizedText(null, System.Convert.ToString(value, CultureInfo.InvariantCulture)),
                BuiltInType.DateTime => value is string text ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : System.Convert.ToDateTime(value, CultureInfo.InvariantCulture),
                _ when typeof(IConvertible).IsAssignableFrom(target) => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
                _ => throw Mismatch(value, type),
            };
            return new Variant(type, converted);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new OpcUaException(StatusCode.BadTypeMismatch, $"'{value}' cannot be written to a node of type {type}.", ex);
        }
    }

    private static OpcUaException Mismatch(object value, BuiltInType type)
        => new(StatusCode.BadTypeMismatch, $"'{value}' cannot be written to a node of type {type}.");
}
