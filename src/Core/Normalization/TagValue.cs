using System.Globalization;

namespace Proxus.Core.Normalization;

/// <summary>
/// A raw or engineering value without boxing: a boolean, a signed or unsigned integer, a double,
/// a string, a UTC date-time, or nothing (a value that could not be read).
/// </summary>
public readonly struct TagValue : IEquatable<TagValue>
{
    private readonly long _bits;
    private readonly string? _text;

    private TagValue(TagValueKind kind, long bits, string? text = null)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    public static TagValue None => default;

    public TagValueKind Kind { get; }

    public bool IsNumeric => Kind is TagValueKind.Int64 or TagValueKind.UInt64 or TagValueKind.Double;

    public bool AsBool => Kind == TagValueKind.Bool ? _bits != 0 : throw WrongKind(TagValueKind.Bool);

    public long AsInt64 => Kind == TagValueKind.Int64 ? _bits : throw WrongKind(TagValueKind.Int64);

    public ulong AsUInt64 => Kind == TagValueKind.UInt64 ? unchecked((ulong)_bits) : throw WrongKind(TagValueKind.UInt64);

    public double AsDouble => Kind == TagValueKind.Double ? BitConverter.Int64BitsToDouble(_bits) : throw WrongKind(TagValueKind.Double);

    public string AsString => Kind == TagValueKind.String ? _text! : throw WrongKind(TagValueKind.String);

    public DateTime AsDateTime => Kind == TagValueKind.DateTime ? new DateTime(_bits, DateTimeKind.Utc) : throw WrongKind(TagValueKind.DateTime);

    public static TagValue FromBool(bool value) => new(TagValueKind.Bool, value ? 1 : 0);

    public static TagValue FromInt64(long value) => new(TagValueKind.Int64, value);

    public static TagValue FromUInt64(ulong value) => new(TagValueKind.UInt64, unchecked((long)value));

    public static TagValue FromDouble(double value) => new(TagValueKind.Double, BitConverter.DoubleToInt64Bits(value));

    public static TagValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(TagValueKind.String, 0, value);
    }

    /// <summary>A date-time, stored as UTC (a local or unspecified kind is taken as UTC as given).</summary>
    public static TagValue FromDateTime(DateTime value) => new(TagValueKind.DateTime, value.Ticks);

    /// <summary>The numeric value as a double (integers widen, possibly losing precision above 2^53).</summary>
    public double ToDouble() => Kind switch
    {
        TagValueKind.Int64 => _bits,
        TagValueKind.UInt64 => unchecked((ulong)_bits),
        TagValueKind.Double => BitConverter.Int64BitsToDouble(_bits),
        _ => throw new InvalidOperationException($"a {Kind} value is not numeric"),
    };

    public bool Equals(TagValue other) =>
        Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TagValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text);

    public override string ToString() => Kind switch
    {
        TagValueKind.None => "none",
        TagValueKind.Bool => AsBool ? "true" : "false",
        TagValueKind.Int64 => _bits.ToString(CultureInfo.InvariantCulture),
        TagValueKind.UInt64 => AsUInt64.ToString(CultureInfo.InvariantCulture),
        TagValueKind.Double => AsDouble.ToString("R", CultureInfo.InvariantCulture),
        TagValueKind.String => _text!,
        _ => AsDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

    public static bool operator ==(TagValue left, TagValue right) => left.Equals(right);

    public static bool operator !=(TagValue left, TagValue right) => !left.Equals(right);

    private InvalidOperationException WrongKind(TagValueKind wanted) => new($"the value is {Kind}, not {wanted}");
}
