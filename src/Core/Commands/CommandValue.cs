using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Proxus.Core.Model;

namespace Proxus.Core.Commands;

/// <summary>
/// The typed values a command can carry and their canonical text: <c>true</c>/<c>false</c> for
/// Bool; invariant decimal integers within the type's range; for Float32 and Float64 the invariant
/// shortest round-trip text of the finite value (rounded to single precision for Float32). Strings
/// and date-times are not writable.
/// </summary>
public static class CommandValue
{
    /// <summary>The longest value text accepted.</summary>
    public const int MaxTextLength = 64;

    /// <summary>
    /// The type of the values a write to <paramref name="tag"/> carries: the published value's type,
    /// which is Float64 for a numeric tag with scaling or a unit conversion, else the tag's own type.
    /// </summary>
    public static DataType ValueTypeOf(Tag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return tag.DataType.IsNumeric() && (tag.Scaling is not null || (tag.SourceUnit is not null && tag.Unit is not null))
            ? DataType.Float64
            : tag.DataType;
    }

    /// <summary>Whether governed writes support the type at all.</summary>
    public static bool IsWritable(DataType type) => type is not (DataType.String or DataType.DateTime);

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/> and returns its canonical text.</summary>
    public static bool TryNormalize(DataType type, string? text, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? error)
    {
        canonical = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength || text.Trim().Length != text.Length)
        {
            error = $"a value is 1..{MaxTextLength} characters without surrounding spaces";
            return false;
        }

        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        const NumberStyles Real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        var invariant = CultureInfo.InvariantCulture;
        canonical = type switch
        {
            DataType.Bool => text switch { "true" => "true", "false" => "false", _ => null },
            DataType.Byte => byte.TryParse(text, Integer, invariant, out var b) ? b.ToString(invariant) : null,
            DataType.SByte => sbyte.TryParse(text, Integer, invariant, out var sb) ? sb.ToString(invariant) : null,
            DataType.Int16 => short.TryParse(text, Integer, invariant, out var s) ? s.ToString(invariant) : null,
            DataType.UInt16 => ushort.TryParse(text, Integer, invariant, out var us) ? us.ToString(invariant) : null,
            DataType.Int32 => int.TryParse(text, Integer, invariant, out var i) ? i.ToString(invariant) : null,
            DataType.UInt32 => uint.TryParse(text, Integer, invariant, out var ui) ? ui.ToString(invariant) : null,
            DataType.Int64 => long.TryParse(text, Integer, invariant, out var l) ? l.ToString(invariant) : null,
            DataType.UInt64 => ulong.TryParse(text, Integer, invariant, out var ul) ? ul.ToString(invariant) : null,
            DataType.Float32 => float.TryParse(text, Real, invariant, out var f) && float.IsFinite(f) ? f.ToString(invariant) : null,
            DataType.Float64 => double.TryParse(text, Real, invariant, out var d) && double.IsFinite(d) ? d.ToString(invariant) : null,
            _ => null,
        };
        if (canonical is null)
        {
            error = IsWritable(type) ? $"'{text}' is not a {type} value" : $"{type} tags are not writable";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>True when <paramref name="text"/> is already the canonical text of a <paramref name="type"/> value.</summary>
    public static bool IsCanonical(DataType type, string? text) => TryNormalize(type, text, out var canonical, out _) && canonical == text;

    /// <summary>The numeric value of canonical text (1 or 0 for Bool), to compare with limits and read-backs.</summary>
    public static double ToDouble(DataType type, string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        return type == DataType.Bool
            ? canonical == "true" ? 1 : 0
            : double.Parse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Null when the value is within the tag's write limits; otherwise why not.</summary>
    public static string? CheckLimits(Tag tag, string canonical)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!ValueTypeOf(tag).IsNumeric())
        {
            return null;
        }

        var value = ToDouble(ValueTypeOf(tag), canonical);
        if (tag.WriteMin is { } min && value < min)
        {
            return $"{canonical} is below the write minimum {min.ToString(CultureInfo.InvariantCulture)}";
        }

        return tag.WriteMax is { } max && value > max
            ? $"{canonical} is above the write maximum {max.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }
}
