using System.Diagnostics.CodeAnalysis;

namespace Proxus.Drivers.S7;

public sealed partial record S7Address
{
    /// <summary>Parses an address such as <c>DB40.DBD12:REAL</c>, <c>M0.1</c>, <c>DB3.STRING10.20</c> or <c>T3</c>.</summary>
    public static S7Address Parse(string text) => Parse(text, null);

    /// <summary>
    /// Parses an address and applies <paramref name="dataType"/> (the API form of a <c>:TYPE</c>
    /// suffix); the type must fit the width the address names.
    /// </summary>
    public static S7Address Parse(string text, S7DataType? dataType)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseCore(text, dataType, out var address, out var error)
            ? address
            : throw new S7Exception(S7ErrorReason.InvalidAddress, $"'{text}' is not an S7 address: {error}.");
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out S7Address? address)
    {
        address = null;
        return text is not null && TryParseCore(text, null, out address, out _);
    }

    private static bool TryParseCore(string text, S7DataType? overrideType, [NotNullWhen(true)] out S7Address? address, out string error)
    {
        address = null;
        var body = text.Trim().ToUpperInvariant();
        S7DataType? suffixType = null;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            suffixType = ParseTypeName(body[(colon + 1)..].Trim());
            if (suffixType is null)
            {
                error = "unknown type after ':'";
                return false;
            }

            body = body[..colon].TrimEnd();
        }

        var cursor = new AddressCursor(body);
        if (!TryParseLocation(ref cursor, out var location, out error))
        {
            return false;
        }

        if (!cursor.AtEnd)
        {
            error = $"unexpected '{body[cursor.Position..]}'";
            return false;
        }

        var type = overrideType ?? suffixType ?? location.DefaultType;
        if (!Fits(location.DefaultType, type))
        {
            error = $"{type} does not fit a {location.DefaultType} location";
            return false;
        }

        try
        {
            address = new S7Address(location.Area, location.DbNumber, location.Offset, location.Bit, type, location.StringLength);
            return true;
        }
        catch (S7Exception exception)
        {
            error = exception.Message;
            return false;
        }
    }

    private static bool TryParseLocation(ref AddressCursor cursor, out Location location, out string error)
    {
        location = default;
        error = string.Empty;
        if (cursor.Accept("DB"))
        {
            if (!cursor.TryNumber(out var db) || !cursor.Accept('.'))
            {
                error = "expected DB<number>.";
                return false;
            }

            if (cursor.Accept("STRING"))
            {
                if (!cursor.TryNumber(out var start) || !cursor.Accept('.') || !cursor.TryNumber(out var length))
                {
                    error = "expected STRING<offset>.<length>";
                    return false;
                }

                location = new Location(S7Area.DataBlock, db, start, 0, S7DataType.String, length);
                return true;
            }

            if (cursor.Accept("DT"))
            {
                return TryOffset(ref cursor, new Location(S7Area.DataBlock, db, 0, 0, S7DataType.DateAndTime, 0), out location, out error);
            }

            if (!cursor.Accept("DB"))
            {
                error = "expected DBX, DBB, DBW, DBD, STRING or DT after the DB number";
                return false;
            }

            return TryWidthAndOffset(ref cursor, S7Area.DataBlock, db, bitLetter: 'X', out location, out error);
        }

        if (cursor.Accept('T') || cursor.Accept('C') || cursor.Accept('Z'))
        {
            var timer = cursor.Previous == 'T';
            if (!cursor.TryNumber(out var number))
            {
                error = "expected a timer or counter number";
                return false;
            }

            location = timer
                ? new Location(S7Area.Timers, 0, number, 0, S7DataType.Timer, 0)
                : new Location(S7Area.Counters, 0, number, 0, S7DataType.Counter, 0);
            return true;
        }

        S7Area? area = cursor.Accept('M') ? S7Area.Flags
            : cursor.Accept('I') || cursor.Accept('E') ? S7Area.Inputs
            : cursor.Accept('Q') || cursor.Accept('A') ? S7Area.Outputs
            : null;
        if (area is null)
        {
            error = "expected DB, M, I, E, Q, A, T, C or Z";
            return false;
        }

        return TryWidthAndOffset(ref cursor, area.Value, 0, bitLetter: null, out location, out error);
    }

    private static bool TryWidthAndOffset(ref AddressCursor cursor, S7Area area, int db, char? bitLetter, out Location location, out string error)
    {
        var type = cursor.Accept('B') ? S7DataType.Byte
            : cursor.Accept('W') ? S7DataType.Word
            : cursor.Accept('D') ? S7DataType.DWord
            : bitLetter is null || cursor.Accept(bitLetter.Value) ? S7DataType.Bool
            : (S7DataType?)null;
        if (type is null)
        {
            location = default;
            error = "expected a width letter (X, B, W, D)";
            return false;
        }

        return TryOffset(ref cursor, new Location(area, db, 0, 0, type.Value, 0), out location, out error);
    }

    private static bool TryOffset(ref AddressCursor cursor, Location partial, out Location location, out string error)
    {
        location = default;
        error = string.Empty;
        if (!cursor.TryNumber(out var offset))
        {
            error = "expected a byte offset";
            return false;
        }

        var bit = 0;
        if (partial.DefaultType == S7DataType.Bool && (!cursor.Accept('.') || !cursor.TryNumber(out bit)))
        {
            error = "a bit address needs <byte>.<bit>";
            return false;
        }

        location = partial with { Offset = offset, Bit = bit };
        return true;
    }

    private static S7DataType? ParseTypeName(string name) => name switch
    {
        "BOOL" => S7DataType.Bool,
        "BYTE" => S7DataType.Byte,
        "WORD" => S7DataType.Word,
        "DWORD" => S7DataType.DWord,
        "INT" => S7DataType.Int,
        "DINT" => S7DataType.DInt,
        "REAL" => S7DataType.Real,
        _ => null,
    };

    private static bool Fits(S7DataType location, S7DataType requested) =>
        location == requested
        || (location is S7DataType.Word && requested is S7DataType.Int)
        || (location is S7DataType.DWord && requested is S7DataType.DInt or S7DataType.Real);

    private readonly record struct Location(S7Area Area, int DbNumber, int Offset, int Bit, S7DataType DefaultType, int StringLength);
}
