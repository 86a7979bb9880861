using System.Collections;
using System.Globalization;

namespace Proxus.Drivers.OpcUa;

/// <summary>
/// A value of any built-in type, a one-dimensional array of one, or a matrix (Part 6 section 5.2.2.16).
/// Scalars are held as their CLR type (bool, sbyte, ..., string, DateTime, Guid, byte[] for ByteString,
/// string for XmlElement, <see cref="NodeId"/>, ...). Arrays are CLR arrays of that type; a matrix is the
/// flattened array (row-major, Part 6 section 5.2.2.16) plus <see cref="ArrayDimensions"/>.
/// </summary>
public readonly partial struct Variant : IEquatable<Variant>
{
    public Variant(BuiltInType type, object? value, bool isArray = false, IReadOnlyList<int>? arrayDimensions = null)
    {
        if (value is null && type != BuiltInType.Null)
        {
            type = BuiltInType.Null;
            isArray = false;
        }

        if (isArray && value is not Array)
        {
            throw new ArgumentException("An array variant needs an array value.", nameof(value));
        }

        Type = type;
        Value = value;
        IsArray = isArray || arrayDimensions is not null;
        ArrayDimensions = arrayDimensions;
    }

    public static Variant Null => default;

    public BuiltInType Type { get; }

    public object? Value { get; }

    public bool IsArray { get; }

    /// <summary>The dimensions of a matrix (null for a scalar or a one-dimensional array).</summary>
    public IReadOnlyList<int>? ArrayDimensions { get; }

    public bool IsNull => Type == BuiltInType.Null;

    public static bool operator ==(Variant left, Variant right) => left.Equals(right);

    public static bool operator !=(Variant left, Variant right) => !left.Equals(right);

    /// <summary>Converts the value to <typeparamref name="T"/> (exact type or a numeric conversion).</summary>
    /// <exception cref="OpcUaException">BadTypeMismatch when the value cannot be converted.</exception>
    public T As<T>()
    {
        if (Value is T typed)
        {
            return typed;
        }

        if (!IsArray && Value is IConvertible convertible && typeof(IConvertible).IsAssignableFrom(typeof(T)))
        {
            try
            {
                return (T)convertible.ToType(typeof(T), CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
            {
                throw new OpcUaException(StatusCode.BadTypeMismatch, $"{this} ({Type}) cannot be converted to {typeof(T).Name}.", ex);
            }
        }

        throw new OpcUaException(StatusCode.BadTypeMismatch, $"{this} ({Type}) cannot be converted to {typeof(T).Name}.");
    }

    public bool Equals(Variant other)
    {
        if (Type != other.Type || IsArray != other.IsArray)
        {
            return false;
        }

        if (!(ArrayDimensions ?? []).SequenceEqual(other.ArrayDimensions ?? []))
        {
            return false;
        }

        return StructuralComparisons.StructuralEqualityComparer.Equals(Value, other.Value);
    }

    public override bool Equals(object? obj) => obj is Variant other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, IsArray, Value is null ? 0 : StructuralComparisons.StructuralEqualityComparer.GetHashCode(Value));

    public override string ToString()
    {
        if (Value is null)
        {
            return "null";
        }

        if (IsArray)
        {
            var type = Type;
            var items = ((Array)Value).Cast<object?>().Select(item => FormatScalar(type, item));
            var dims = ArrayDimensions is null ? string.Empty : "{" + string.Join('x', ArrayDimensions) + "}";
            return dims + "[" + string.Join(", ", items) + "]";
        }

        return FormatScalar(Type, Value);
    }

    private static string FormatScalar(BuiltInType type, object? value) => value switch
    {
        null => "null",
        byte[] bytes when type == BuiltInType.ByteString => "0x" + Convert.ToHexString(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
