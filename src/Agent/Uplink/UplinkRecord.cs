using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Proxus.Agent.Uplink;

/// <summary>
/// One UNS message as a store-and-forward record: <c>flags(1) topicLength(2, big-endian) topic(UTF-8)
/// payload</c>, with flag bit 0 = retain. Records come back from disk, so decoding checks every
/// length against what is there and refuses anything else.
/// </summary>
public readonly record struct UplinkRecord(string Topic, ReadOnlyMemory<byte> Payload, bool Retain)
{
    /// <summary>The longest topic (the MQTT limit for a UTF-8 string).</summary>
    public const int MaxTopicBytes = ushort.MaxValue;

    private const int HeaderBytes = 3;
    private const byte RetainFlag = 0x01;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(string topic, ReadOnlySpan<byte> payload, bool retain)
    {
        var record = new byte[EncodedLength(topic, payload.Length)];
        Encode(topic, payload, retain, record);
        return record;
    }

    /// <summary>The size of the record of <paramref name="topic"/> with a payload of <paramref name="payloadLength"/> bytes.</summary>
    /// <exception cref="ArgumentException">The topic is empty or longer than <see cref="MaxTopicBytes"/>.</exception>
    public static int EncodedLength(string topic, int payloadLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var topicBytes = Encoding.UTF8.GetByteCount(topic);
        if (topicBytes > MaxTopicBytes)
        {
            throw new ArgumentException($"A topic has at most {MaxTopicBytes} UTF-8 bytes.", nameof(topic));
        }

        return HeaderBytes + topicBytes + payloadLength;
    }

    /// <summary>Writes the record into <paramref name="destination"/> (at least <see cref="EncodedLength"/> bytes); returns its length.</summary>
    public static int Encode(string topic, ReadOnlySpan<byte> payload, bool retain, Span<byte> destination)
    {
        var length = EncodedLength(topic, payload.Length);
        var record = destination[..length];
        record[0] = retain ? RetainFlag : (byte)0;
        var topicBytes = Encoding.UTF8.GetBytes(topic, record[HeaderBytes..]);
        BinaryPrimitives.WriteUInt16BigEndian(record[1..], (ushort)topicBytes);
        payload.CopyTo(record[(HeaderBytes + topicBytes)..]);
        return length;
    }

    /// <summary>Decodes a record; false (with the reason) for a record that is not one.</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> record, out UplinkRecord decoded, [NotNullWhen(false)] out string? error)
    {
        decoded = default;
        var span = record.Span;
        if (span.Length < HeaderBytes)
        {
            error = $"the record has {span.Length} bytes, fewer than its header";
            return false;
        }

        if ((span[0] & ~RetainFlag) != 0)
        {
            error = $"unknown flags 0x{span[0]:X2}";
            return false;
        }

        var topicLength = BinaryPrimitives.ReadUInt16BigEndian(span[1..]);
        if (topicLength == 0 || topicLength > span.Length - HeaderBytes)
        {
            error = $"the topic length {topicLength} does not fit the record of {span.Length} bytes";
            return false;
        }

        string topic;
        try
        {
            topic = StrictUtf8.GetString(span.Slice(HeaderBytes, topicLength));
        }
        catch (DecoderFallbackException)
        {
            error = "the topic is not UTF-8";
            return false;
        }

        decoded = new UplinkRecord(topic, record[(HeaderBytes + topicLength)..], (span[0] & RetainFlag) != 0);
        error = null;
        return true;
    }
}
