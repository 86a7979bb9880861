using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Proxus.Drivers.Modbus.Data;

public readonly partial record struct ModbusAddress
{
    /// <summary>Parses an address or throws a <see cref="ModbusException"/> with reason <see cref="ModbusErrorReason.InvalidAddress"/>.</summary>
    public static ModbusAddress Parse(string text)
        => TryParse(text, out var address, out var error)
            ? address
            : throw new ModbusException(ModbusErrorReason.InvalidAddress, $"'{text}' is not a Modbus address: {error}");

    public static bool TryParse([NotNullWhen(true)] string? text, out ModbusAddress address)
        => TryParse(text, out address, out _);

    private static bool TryParse(string? text, out ModbusAddress address, out string error)
    {
        address = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty.";
            return false;
        }

        var span = text.AsSpan().Trim();
        int? bit = null;
        var dot = span.IndexOf('.');
        if (dot >= 0)
        {
            if (!TryParseNumber(span[(dot + 1)..], out var bitNumber) || bitNumber > 15)
            {
                error = "the bit after '.' must be 0..15.";
                return false;
            }

            bit = (int)bitNumber;
            span = span[..dot];
        }

        var letters = 0;
        while (letters < span.Length && char.IsAsciiLetter(span[letters]))
        {
            letters++;
        }

        var parsed = letters == 0 ? TryParseModicon(span, out var area, out var offset, out error) : TryParseTyped(span, letters, out area, out offset, out error);
        if (!parsed)
        {
            return false;
        }

        if (bit is not null && area is ModbusArea.Coil or ModbusArea.DiscreteInput)
        {
            error = "coils and discrete inputs have no bits.";
            return false;
        }

        address = new ModbusAddress(area, offset, bit);
        return true;
    }

    private static bool TryParseTyped(ReadOnlySpan<char> span, int letters, out ModbusArea area, out ushort offset, out string error)
    {
        offset = 0;
        ModbusArea? known = span[..letters].ToString().ToUpperInvariant() switch
        {
            "HR" => ModbusArea.HoldingRegister,
            "IR" => ModbusArea.InputRegister,
            "CO" => ModbusArea.Coil,
            "DI" => ModbusArea.DiscreteInput,
            _ => null,
        };
        area = known ?? default;
        if (known is null)
        {
            error = "the prefix must be HR, IR, CO or DI.";
            return false;
        }

        if (!TryParseNumber(span[letters..], out var value) || value > ushort.MaxValue)
        {
            error = "the typed form takes a 0-based address 0..65535.";
            return false;
        }

        offset = (ushort)value;
        error = string.Empty;
        return true;
    }

    private static bool TryParseModicon(ReadOnlySpan<char> span, out ModbusArea area, out ushort offset, out string error)
    {
        area = default;
        offset = 0;
        if ((span.Length != 5 && span.Length != 6) || !TryParseNumber(span[1..], out var reference))
        {
            error = "Modicon references have 5 digits (40001) or 6 digits (400001).";
            return false;
        }

        ModbusArea? known = span[0] switch
        {
            '0' => ModbusArea.Coil,
            '1' => ModbusArea.DiscreteInput,
            '3' => ModbusArea.InputRegister,
            '4' => ModbusArea.HoldingRegister,
            _ => null,
        };
        var maximum = span.Length == 5 ? 9999u : 65536u;
        if (known is null || reference < 1 || reference > maximum)
        {
            error = $"the table digit must be 0, 1, 3 or 4 and the reference 1..{maximum}.";
            return false;
        }

        area = known.Value;
        offset = (ushort)(reference - 1);
        error = string.Empty;
        return true;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        return digits.Length is > 0 and <= 6 && !digits.ContainsAnyExcept("0123456789")
            && uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
