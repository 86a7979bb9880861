using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Encoded sizes of fields and properties; an absent optional property measures 0. Values that
/// cannot be represented on the wire throw <see cref="ArgumentException"/> here, before anything is
/// written.
/// </summary>
internal static class MqttSize
{
    /// <summary>The largest Remaining Length a four-byte Variable Byte Integer holds (section 1.5.5).</summary>
    public const uint MaximumVariableByteInteger = 268_435_455;

    public static int VariableByteInteger(long value) => value switch
    {
        < 0 => TooLarge(value),
        < 128 => 1,
        < 16_384 => 2,
        < 2_097_152 => 3,
        <= MaximumVariableByteInteger => 4,
        _ => TooLarge(value),
    };

    public static int String(string value) => 2 + MqttUtf8.GetByteCount(value);

    public static int Binary(ReadOnlyMemory<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            MqttThrow.CannotEncode($"Binary data may hold at most {ushort.MaxValue} bytes; this holds {value.Length}.");
        }

        return 2 + value.Length;
    }

    public static int ByteProperty<T>(T? value)
        where T : struct => value is null ? 0 : 2;

    public static int UInt16Property(ushort? value) => value is null ? 0 : 3;

    public static int UInt32Property(uint? value) => value is null ? 0 : 5;

    public static int StringProperty(string? value) => value is null ? 0 : 1 + String(value);

    public static int BinaryProperty(ReadOnlyMemory<byte>? value) => value is { } v ? 1 + Binary(v) : 0;

    public static int SubscriptionIdentifierProperty(uint value)
    {
        if (value is 0 or > MaximumVariableByteInteger)
        {
            MqttThrow.CannotEncode($"A Subscription Identifier must be between 1 and {MaximumVariableByteInteger}, not {value}.");
        }

        return 1 + VariableByteInteger(value);
    }

    public static long UserProperties(IReadOnlyList<MqttUserProperty> properties)
    {
        long size = 0;
        for (var i = 0; i < properties.Count; i++)
        {
            size += 1 + String(properties[i].Name) + String(properties[i].Value);
        }

        return size;
    }

    /// <summary>A property block: its Property Length and the properties.</summary>
    public static long PropertyBlock(long propertiesLength) => VariableByteInteger(propertiesLength) + propertiesLength;

    private static int TooLarge(long value)
    {
        MqttThrow.CannotEncode($"{value} exceeds the largest Variable Byte Integer ({MaximumVariableByteInteger}).");
        return 0;
    }
}
