using System.Text;

namespace Proxus.Mqtt.Formatting;

/// <summary>
/// UTF-8 Encoded Strings (MQTT 5.0 section 1.5.4, 3.1.1 section 1.5.3): well-formed UTF-8 without
/// surrogate code points and without U+0000, at most 65,535 bytes.
/// </summary>
internal static class MqttUtf8
{
    public const int MaximumByteCount = ushort.MaxValue;

    /// <summary>Throws on ill-formed input (invalid sequences, overlong forms, encoded surrogates, lone surrogates).</summary>
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes a string read from the wire; ill-formed UTF-8 or U+0000 is a Malformed Packet.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        if (bytes.Contains((byte)0))
        {
            MqttThrow.Malformed("A UTF-8 string contains U+0000.");
        }

        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException exception)
        {
            throw new MqttProtocolException(Packets.MqttReasonCode.MalformedPacket, "A UTF-8 string is ill-formed: " + exception.Message);
        }
    }

    /// <summary>The encoded length of a string to be sent; throws <see cref="ArgumentException"/> when it cannot be sent.</summary>
    public static int GetByteCount(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            MqttThrow.CannotEncode("An MQTT string must not contain U+0000.");
        }

        int count;
        try
        {
            count = Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException exception)
        {
            throw new ArgumentException("An MQTT string must be well-formed UTF-16 (no lone surrogates).", exception);
        }

        if (count > MaximumByteCount)
        {
            MqttThrow.CannotEncode($"An MQTT string may hold at most {MaximumByteCount} UTF-8 bytes; this one needs {count}.");
        }

        return count;
    }
}
