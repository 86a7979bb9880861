using System.Globalization;
using Proxus.Agent.Commissioning;
using Proxus.Core.Commands;
using Proxus.Core.Model;
using Proxus.Core.Normalization;
using Proxus.Core.Units;

namespace Proxus.Agent.Commands;

/// <summary>
/// Turns a command's engineering value into the raw device write of its tag, and the raw value read
/// back into engineering text: the inverse of <see cref="TagNormalizer"/> (unit conversion, then
/// linear scaling) and its forward direction. Modbus (TCP, RTU over TCP, serial) and S7 tags of
/// Bool and numeric types have a write path; OPC UA, strings and date-times do not.
/// </summary>
internal static class TagWriteMapping
{
    /// <summary>The device write for <paramref name="canonical"/>, or null with the reason it has none.</summary>
    public static (string Raw, PointFormat Format)? Plan(Tag tag, Protocol protocol, string canonical, out string? problem)
    {
        var format = FormatOf(tag, protocol, out problem);
        if (format is null)
        {
            return null;
        }

        if (tag.DataType == DataType.Bool)
        {
            return (canonical, format);
        }

        var raw = ToRaw(tag, CommandValue.ToDouble(CommandValue.ValueTypeOf(tag), canonical));
        var text = tag.DataType is DataType.Float32 or DataType.Float64
            ? raw.ToString("R", CultureInfo.InvariantCulture)
            : Math.Round(raw, MidpointRounding.ToEven).ToString("F0", CultureInfo.InvariantCulture);
        if (!CommandValue.TryNormalize(tag.DataType, text, out var rawText, out var error))
        {
            problem = $"the raw value {text} does not fit the tag's {tag.DataType}: {error}";
            return null;
        }

        return (rawText, format);
    }

    /// <summary>The canonical engineering text of a raw value read back, or null with the reason.</summary>
    public static string? ReadBack(Tag tag, object? raw, out string? problem)
    {
        var value = raw switch
        {
            bool b => TagValue.FromBool(b),
            float f => TagValue.FromDouble(f),
            double d => TagValue.FromDouble(d),
            ulong u => TagValue.FromUInt64(u),
            uint or ushort or byte => TagValue.FromUInt64(Convert.ToUInt64(raw, CultureInfo.InvariantCulture)),
            long or int or short or sbyte => TagValue.FromInt64(Convert.ToInt64(raw, CultureInfo.InvariantCulture)),
            _ => TagValue.None,
        };
        var normalized = new TagNormalizer(tag).Normalize(value);
        if (normalized.Value.Kind == TagValueKind.None)
        {
            problem = $"the value read back ({raw ?? "nothing"}) is unusable: {normalized.Quality}";
            return null;
        }

        var type = CommandValue.ValueTypeOf(tag);
        var text = normalized.Value.Kind switch
        {
            TagValueKind.Bool => normalized.Value.AsBool ? "true" : "false",
            TagValueKind.Double when tag.DataType == DataType.Float32 && type == DataType.Float32 => ((float)normalized.Value.AsDouble).ToString(CultureInfo.InvariantCulture),
            // 15 significant digits: the noise of the scaling and unit arithmetic is not part of the value.
            TagValueKind.Double => double.Parse(normalized.Value.AsDouble.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => normalized.Value.ToString(),
        };
        if (!CommandValue.TryNormalize(type, text, out var canonical, out problem))
        {
            return null;
        }

        return canonical;
    }

    private static double ToRaw(Tag tag, double engineering)
    {
        var source = engineering;
        if (tag.SourceUnit is not null && tag.Unit is not null)
        {
            var conversion = UnitCatalog.GetConversion(tag.SourceUnit, tag.Unit);
            source = (engineering - conversion.Shift) / conversion.Scale;
        }

        return tag.Scaling is { } s
            ? ((source - s.EngineeringMin) * (s.RawMax - s.RawMin) / (s.EngineeringMax - s.EngineeringMin)) + s.RawMin
            : source;
    }

    private static PointFormat? FormatOf(Tag tag, Protocol protocol, out string? problem)
    {
        problem = null;
        switch (protocol)
        {
            case Protocol.ModbusTcp or Protocol.ModbusRtuOverTcp or Protocol.ModbusRtuSerial when tag.DataType is not (DataType.Byte or DataType.SByte or DataType.String or DataType.DateTime):
                return new PointFormat { Type = tag.DataType.ToString(), ByteOrder = tag.ByteOrder.ToString().ToUpperInvariant() };
            case Protocol.S7 when S7TypeOf(tag.DataType) is { } s7:
                return new PointFormat { Type = s7 };
            default:
                problem = $"{protocol} tags of type {tag.DataType} have no governed write path";
                return null;
        }
    }

    private static string? S7TypeOf(DataType type) => type switch
    {
        DataType.Bool => "bool",
        DataType.Byte => "byte",
        DataType.UInt16 => "word",
        DataType.Int16 => "int",
        DataType.UInt32 => "dword",
        DataType.Int32 => "dint",
        DataType.Float32 => "real",
        _ => null,
    };
}
