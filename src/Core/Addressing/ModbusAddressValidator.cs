using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Proxus.Core.Model;

namespace Proxus.Core.Addressing;

/// <summary>
/// Modbus addresses (docs/tag-maps.md): the zero-based table forms <c>HR100</c>, <c>IR5</c>,
/// <c>CO12</c>, <c>DI3</c> (offset 0..65535) with an optional register bit <c>HR100.3</c> (0..15),
/// and the one-based Modicon forms of 5 digits (<c>40001</c>: 1..9999) and 6 digits
/// (<c>400001</c>: 1..65536) whose first digit is the table (0 coils, 1 discrete inputs, 3 input
/// registers, 4 holding registers). Case-insensitive.
/// </summary>
public sealed partial class ModbusAddressValidator : IAddressValidator
{
    public const string Syntax = "HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001";

    /// <summary>The longest string a tag may read: 125 registers, the most one read request returns.</summary>
    public const int MaxStringLength = 250;

    public static ModbusAddressValidator Instance { get; } = new();

    public bool TryValidate(string address, DataType dataType, int? length, out AddressFootprint footprint, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(address);
        footprint = default;
        if (!TryParse(address, out var table, out var offset, out var bit, out error))
        {
            return false;
        }

        var isBitTable = table is "CO" or "DI";
        if (bit >= 0 && isBitTable)
        {
            error = "a bit suffix applies to registers only (HR, IR)";
            return false;
        }

        if (bit > 15)
        {
            error = $"bit {bit} is above 15";
            return false;
        }

        int registers;
        if (isBitTable || bit >= 0)
        {
            if (dataType != DataType.Bool)
            {
                error = isBitTable
                    ? $"coils and discrete inputs hold Bool values, not {dataType}"
                    : $"a register bit holds a Bool value, not {dataType}";
                return false;
            }

            registers = 1;
        }
        else if (!TryCountRegisters(dataType, length, out registers, out error))
        {
            return false;
        }

        if (offset + registers > 65536)
        {
            error = $"{dataType} needs {registers} registers from offset {offset} and runs past offset 65535";
            return false;
        }

        footprint = bit >= 0 ? new(table, offset, offset + 1, bit) : new(table, offset, offset + registers);
        return true;
    }

    private static bool TryCountRegisters(DataType dataType, int? length, out int registers, [NotNullWhen(false)] out string? error)
    {
        registers = 0;
        error = null;
        switch (dataType)
        {
            case DataType.Bool:
                error = "a Bool on a register needs a bit suffix (HR100.3)";
                return false;
            case DataType.String when length is null:
                error = "a String tag on Modbus needs a length (characters)";
                return false;
            case DataType.String when length is < 1 or > MaxStringLength:
                error = $"string length {length} is outside 1..{MaxStringLength}";
                return false;
            case DataType.String:
                registers = (length!.Value + 1) / 2;
                return true;
            case DataType.Byte or DataType.SByte or DataType.DateTime:
                error = $"Modbus registers do not hold {dataType} values";
                return false;
            default:
                registers = dataType.FixedSize() / 2;
                return true;
        }
    }

    private static bool TryParse(string address, out string table, out int offset, out int bit, [NotNullWhen(false)] out string? error)
    {
        table = string.Empty;
        offset = 0;
        bit = -1;
        error = null;
        var match = TablePattern().Match(address);
        if (match.Success)
        {
            table = match.Groups[1].Value.ToUpperInvariant();
            var number = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
            if (number > 65535)
            {
                error = $"offset {number} is above 65535";
                return false;
            }

            offset = number;
        }
        else if ((match = ModiconPattern().Match(address)).Success)
        {
            table = match.Groups[1].Value switch { "0" => "CO", "1" => "DI", "3" => "IR", _ => "HR" };
            var digits = match.Groups[2].Value;
            var number = int.Parse(digits, CultureInfo.InvariantCulture);
            var limit = digits.Length == 4 ? 9999 : 65536;
            if (number < 1 || number > limit)
            {
                error = $"'{address}': the {digits.Length + 1}-digit form counts from 1 to {limit}";
                return false;
            }

            offset = number - 1;
        }
        else
        {
            error = $"'{address}' is not a Modbus address ({Syntax})";
            return false;
        }

        if (match.Groups[3].Success)
        {
            bit = int.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture);
        }

        return true;
    }

    [GeneratedRegex(@"^(HR|IR|CO|DI)([0-9]{1,5})(?:\.([0-9]{1,2}))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"^([0134])([0-9]{4,5})(?:\.([0-9]{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ModiconPattern();
}
