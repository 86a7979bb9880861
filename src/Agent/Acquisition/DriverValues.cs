using Proxus.Core.Normalization;

namespace Proxus.Agent.Acquisition;

/// <summary>Turns the boxed values the drivers return into <see cref="TagValue"/>s.</summary>
internal static class DriverValues
{
    public static TagValue ToTagValue(object? value) => value switch
    {
        null => TagValue.None,
        bool flag => TagValue.FromBool(flag),
        byte number => TagValue.FromInt64(number),
        sbyte number => TagValue.FromInt64(number),
        short number => TagValue.FromInt64(number),
        ushort number => TagValue.FromInt64(number),
        int number => TagValue.FromInt64(number),
        uint number => TagValue.FromInt64(number),
        long number => TagValue.FromInt64(number),
        ulong number => TagValue.FromUInt64(number),
        float number => TagValue.FromDouble(number),
        double number => TagValue.FromDouble(number),
        string text => TagValue.FromString(text),
        DateTime time => TagValue.FromDateTime(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time),
        DateTimeOffset time => TagValue.FromDateTime(time.UtcDateTime),
        _ => TagValue.None,
    };
}
