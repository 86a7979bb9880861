using System.Globalization;
using Proxus.Drivers.S7;

namespace Proxus.Simulators.S7;

/// <summary>
/// A moving value at an address: <c>ADDRESS=KIND(a,b,c)</c>, e.g. <c>DB1.DBD0:REAL=sine(0,100,10)</c>,
/// <c>MW10=counter(1,0.5)</c>, <c>DB1.DBD4:REAL=walk(20,30,0.2)</c>, <c>DB1.DBW8:INT=ramp(-100,100,20)</c>.
/// </summary>
public sealed record S7Signal(S7Address Address, S7SignalKind Kind, double A, double B, double C)
{
    public static S7Signal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (equals < 0 || open < equals || !text.EndsWith(')'))
        {
            throw new FormatException($"'{text}' is not ADDRESS=KIND(arguments).");
        }

        var address = S7Address.Parse(text[..equals]);
        if (address.DataType is S7DataType.String or S7DataType.DateAndTime)
        {
            throw new FormatException($"{address}: signals drive numeric and BOOL values only.");
        }

        var kind = text[(equals + 1)..open].Trim().ToUpperInvariant() switch
        {
            "SINE" => S7SignalKind.Sine,
            "RAMP" => S7SignalKind.Ramp,
            "COUNTER" => S7SignalKind.Counter,
            "WALK" => S7SignalKind.RandomWalk,
            var other => throw new FormatException($"Unknown signal kind '{other}' (sine, ramp, counter, walk)."),
        };
        var arguments = text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(argument => double.Parse(argument, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToArray();
        var (minimum, maximum) = kind == S7SignalKind.Counter ? (1, 2) : (3, 3);
        if (arguments.Length < minimum || arguments.Length > maximum)
        {
            throw new FormatException($"{kind} takes {(minimum == maximum ? minimum.ToString(CultureInfo.InvariantCulture) : $"{minimum} or {maximum}")} arguments.");
        }

        var signal = new S7Signal(address, kind, arguments[0], arguments.Length > 1 ? arguments[1] : 1, arguments.Length > 2 ? arguments[2] : 0);
        if (kind is S7SignalKind.Sine or S7SignalKind.Ramp ? signal.C <= 0 : kind == S7SignalKind.Counter && signal.B <= 0)
        {
            throw new FormatException($"{text}: the period or interval must be positive.");
        }

        return signal;
    }

    /// <summary>The value at <paramref name="elapsed"/> since start; <paramref name="previous"/> feeds the random walk.</summary>
    public double ValueAt(TimeSpan elapsed, double previous, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var seconds = elapsed.TotalSeconds;
        return Kind switch
        {
            S7SignalKind.Sine => A + ((B - A) * (1 + Math.Sin(2 * Math.PI * seconds / C)) / 2),
            S7SignalKind.Ramp => A + ((B - A) * (seconds % C / C)),
            S7SignalKind.Counter => Math.Floor(seconds / B) * A,
            _ => Math.Clamp(previous + (((random.NextDouble() * 2) - 1) * C), A, B),
        };
    }

    /// <summary>Converts a computed value to the address's type; integers wrap like PLC arithmetic.</summary>
    public object ToTypedValue(double value) => Address.DataType switch
    {
        S7DataType.Bool => ((long)Math.Round(value) & 1) != 0,
        S7DataType.Real => (float)value,
        S7DataType.Byte => unchecked((byte)(long)Math.Round(value)),
        S7DataType.Int => unchecked((short)(long)Math.Round(value)),
        S7DataType.DInt => unchecked((int)(long)Math.Round(value)),
        S7DataType.DWord => unchecked((uint)(long)Math.Round(value)),
        _ => unchecked((ushort)(long)Math.Round(value)),
    };
}
