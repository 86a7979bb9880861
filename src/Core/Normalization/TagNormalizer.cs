using Proxus.Core.Model;
using Proxus.Core.Units;

namespace Proxus.Core.Normalization;

/// <summary>
/// Turns a tag's raw device value into its engineering value in the published unit: linear
/// scaling (with optional clamping) into the source unit, then unit conversion. Built once per tag;
/// <see cref="Normalize"/> does not allocate.
/// </summary>
public sealed class TagNormalizer
{
    public const string NoValueReason = "no value";
    public const string NotFiniteReason = "the value is not a finite number";
    public const string ClampedReason = "clamped to the engineering range";
    public const string OutOfRangeReason = "outside the engineering range";

    private readonly DataType _dataType;
    private readonly LinearScaling? _scaling;
    private readonly UnitConversion _conversion;
    private readonly double _engineeringLow;
    private readonly double _engineeringHigh;

    /// <exception cref="UnitConversionException">A unit is unknown or the two units are incompatible.</exception>
    public TagNormalizer(Tag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        _dataType = tag.DataType;
        _scaling = tag.Scaling;
        _conversion = tag.SourceUnit is not null && tag.Unit is not null
            ? UnitCatalog.GetConversion(tag.SourceUnit, tag.Unit)
            : UnitConversion.Identity;
        if (tag.PublishedUnit is not null)
        {
            UnitCatalog.Get(tag.PublishedUnit);
        }

        if (_scaling is not null)
        {
            _engineeringLow = Math.Min(_scaling.EngineeringMin, _scaling.EngineeringMax);
            _engineeringHigh = Math.Max(_scaling.EngineeringMin, _scaling.EngineeringMax);
        }

        Unit = tag.PublishedUnit;
    }

    /// <summary>The unit of the normalized values (null for a unitless tag).</summary>
    public string? Unit { get; }

    /// <summary>The conversion from the source unit to the published unit.</summary>
    public UnitConversion Conversion => _conversion;

    public NormalizedValue Normalize(TagValue raw)
    {
        if (raw.Kind == TagValueKind.None)
        {
            return new(TagValue.None, Quality.Bad(NoValueReason));
        }

        if (!Matches(raw.Kind))
        {
            return new(TagValue.None, Quality.Bad($"the device returned a {raw.Kind} value for a {_dataType} tag"));
        }

        if (!raw.IsNumeric || (_scaling is null && _conversion.IsIdentity))
        {
            return raw.Kind == TagValueKind.Double && !double.IsFinite(raw.AsDouble)
                ? new(TagValue.None, Quality.Bad(NotFiniteReason))
                : new(raw, Quality.Good);
        }

        var value = raw.ToDouble();
        var quality = Quality.Good;
        if (_scaling is not null)
        {
            value = ((value - _scaling.RawMin) * (_scaling.EngineeringMax - _scaling.EngineeringMin) / (_scaling.RawMax - _scaling.RawMin)) + _scaling.EngineeringMin;
            if (value < _engineeringLow || value > _engineeringHigh)
            {
                if (_scaling.Clamp)
                {
                    value = Math.Clamp(value, _engineeringLow, _engineeringHigh);
                    quality = Quality.Uncertain(ClampedReason);
                }
                else
                {
                    quality = Quality.Uncertain(OutOfRangeReason);
                }
            }
        }

        value = _conversion.Apply(value);
        return double.IsFinite(value)
            ? new(TagValue.FromDouble(value), quality)
            : new(TagValue.None, Quality.Bad(NotFiniteReason));
    }

    private bool Matches(TagValueKind kind) => _dataType switch
    {
        DataType.Bool => kind == TagValueKind.Bool,
        DataType.String => kind == TagValueKind.String,
        DataType.DateTime => kind == TagValueKind.DateTime,
        _ => kind is TagValueKind.Int64 or TagValueKind.UInt64 or TagValueKind.Double,
    };
}
