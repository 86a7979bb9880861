using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Proxus.Core.Model;

namespace Proxus.Core.Addressing;

/// <summary>
/// S7 addresses in the syntax of the S7 driver (docs/protocols/s7.md), case-insensitive:
/// <c>DB40.DBX0.3</c>, <c>DB40.DBB7</c>, <c>DB40.DBW4</c>, <c>DB40.DBD12</c>,
/// <c>DB3.STRING10.20</c>, <c>DB1.DT0</c>; flags, inputs and outputs <c>M0.1</c>, <c>MB1</c>,
/// <c>MW10</c>, <c>MD20</c>, <c>I0.1</c>/<c>E0.1</c>, <c>Q1.0</c>/<c>A1.0</c> (and their B/W/D
/// forms); timers <c>T3</c> and counters <c>C4</c>/<c>Z4</c>. The width of the location must fit
/// the tag's data type (X: Bool; B: Byte, SByte; W: Int16, UInt16; D: Int32, UInt32, Float32;
/// STRING: String; DT: DateTime; T and C: UInt16).
/// </summary>
public sealed partial class S7AddressValidator : IAddressValidator
{
    public const string Syntax = "DB40.DBD12, DB1.DBX0.3, DB3.STRING10.20, DB1.DT0, MW10, I0.1, Q1.0, T3 or C4";
    public const int MaxByteOffset = 2_097_151;

    public static S7AddressValidator Instance { get; } = new();

    public bool TryValidate(string address, DataType dataType, int? length, out AddressFootprint footprint, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(address);
        footprint = default;
        error = null;
        Match match;
        if ((match = DataBlockPattern().Match(address)).Success)
        {
            return TryDataBlock(match, dataType, out footprint, out error);
        }

        if ((match = StringPattern().Match(address)).Success)
        {
            if (!TryDataBlockNumber(match.Groups[1].ValueSpan, out var space, out error)
                || !TryOffset(match.Groups[2].ValueSpan, out var start, out error))
            {
                return false;
            }

            var capacity = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
            error = capacity is < 1 or > 254 ? $"STRING length {capacity} is outside 1..254"
                : dataType != DataType.String ? $"a STRING location holds a String value, not {dataType}"
                : length is not null && length != capacity ? $"length {length} differs from the STRING length {capacity} of the address"
                : null;
            footprint = new(space, start, start + capacity + 2);
            return error is null;
        }

        if ((match = DateTimePattern().Match(address)).Success)
        {
            if (!TryDataBlockNumber(match.Groups[1].ValueSpan, out var space, out error)
                || !TryOffset(match.Groups[2].ValueSpan, out var start, out error))
            {
                return false;
            }

            error = dataType != DataType.DateTime ? $"a DT location holds a DateTime value, not {dataType}" : null;
            footprint = new(space, start, start + 8);
            return error is null;
        }

        if ((match = AreaPattern().Match(address)).Success)
        {
            var space = match.Groups[1].Value.ToUpperInvariant() switch { "E" => "I", "A" => "Q", var other => other };
            return TryLocation(space, match.Groups[2].Value, match.Groups[3].ValueSpan, match.Groups[4], dataType, out footprint, out error);
        }

        if ((match = TimerCounterPattern().Match(address)).Success)
        {
            var space = match.Groups[1].Value.ToUpperInvariant() == "T" ? "T" : "C";
            var number = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            error = number > 65535 ? $"{(space == "T" ? "timer" : "counter")} {number} is above 65535"
                : dataType != DataType.UInt16 ? $"a {(space == "T" ? "timer" : "counter")} holds a UInt16 value, not {dataType}"
                : null;
            footprint = new(space, number, number + 1);
            return error is null;
        }

        error = $"'{address}' is not an S7 address ({Syntax})";
        return false;
    }

    private static bool TryDataBlock(Match match, DataType dataType, out AddressFootprint footprint, [NotNullWhen(false)] out string? error)
    {
        footprint = default;
        return TryDataBlockNumber(match.Groups[1].ValueSpan, out var space, out error)
            && TryLocation(space, match.Groups[2].Value, match.Groups[3].ValueSpan, match.Groups[4], dataType, out footprint, out error);
    }

    private static bool TryLocation(string space, string width, ReadOnlySpan<char> offsetText, Group bitGroup, DataType dataType, out AddressFootprint footprint, [NotNullWhen(false)] out string? error)
    {
        footprint = default;
        if (!TryOffset(offsetText, out var start, out error))
        {
            return false;
        }

        var kind = width.Length == 0 ? 'X' : char.ToUpperInvariant(width[0]);
        if (kind == 'X')
        {
            if (!bitGroup.Success)
            {
                error = "a bit address needs a bit number (DB1.DBX0.3, M0.1)";
                return false;
            }

            var bit = int.Parse(bitGroup.ValueSpan, CultureInfo.InvariantCulture);
            error = bit > 7 ? $"bit {bit} is above 7"
                : dataType != DataType.Bool ? $"a bit holds a Bool value, not {dataType}"
                : null;
            footprint = new(space, start, start + 1, bit);
            return error is null;
        }

        if (bitGroup.Success)
        {
            error = $"a bit number applies to bit addresses only (X), not to {kind}";
            return false;
        }

        var (size, types) = kind switch
        {
            'B' => (1, "Byte or SByte"),
            'W' => (2, "Int16 or UInt16"),
            _ => (4, "Int32, UInt32 or Float32"),
        };
        var fits = kind switch
        {
            'B' => dataType is DataType.Byte or DataType.SByte,
            'W' => dataType is DataType.Int16 or DataType.UInt16,
            _ => dataType is DataType.Int32 or DataType.UInt32 or DataType.Float32,
        };
        error = fits ? null : $"a {kind} location holds {types}, not {dataType}";
        footprint = new(space, start, start + size);
        return fits;
    }

    private static bool TryDataBlockNumber(ReadOnlySpan<char> text, out string space, [NotNullWhen(false)] out string? error)
    {
        var number = int.Parse(text, CultureInfo.InvariantCulture);
        space = "DB" + number.ToString(CultureInfo.InvariantCulture);
        error = number is < 1 or > 65535 ? $"data block {number} is outside 1..65535" : null;
        return error is null;
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out long offset, [NotNullWhen(false)] out string? error)
    {
        offset = long.Parse(text, CultureInfo.InvariantCulture);
        error = offset > MaxByteOffset ? $"byte offset {offset} is above {MaxByteOffset}" : null;
        return error is null;
    }

    [GeneratedRegex(@"^DB([0-9]{1,5})\.DB([XBWD])([0-9]{1,7})(?:\.([0-9]{1,2}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DataBlockPattern();

    [GeneratedRegex(@"^DB([0-9]{1,5})\.STRING([0-9]{1,7})\.([0-9]{1,3})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StringPattern();

    [GeneratedRegex(@"^DB([0-9]{1,5})\.DT([0-9]{1,7})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^([MIEQA])([BWD]?)([0-9]{1,7})(?:\.([0-9]{1,2}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AreaPattern();

    [GeneratedRegex(@"^([TCZ])([0-9]{1,5})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimerCounterPattern();
}
