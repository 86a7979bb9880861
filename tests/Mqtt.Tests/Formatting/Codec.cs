using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>Helpers shared by the codec tests: hex vectors, decoding, encoding, segmented buffers, packet dumps.</summary>
internal static class Codec
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var writer = new ArrayBufferWriter<byte>();
        MqttPacketEncoder.Encode(packet, version, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one packet that must fill the whole buffer.</summary>
    public static MqttPacket DecodeSingle(ReadOnlySequence<byte> sequence, MqttProtocolVersion version, uint maximumPacketSize = uint.MaxValue)
    {
        var reader = new SequenceReader<byte>(sequence);
        MqttPacketDecoder.TryDecode(ref reader, version, maximumPacketSize, out var packet).Should().BeTrue();
        reader.End.Should().BeTrue("the packet fills the buffer");
        return packet!;
    }

    public static MqttPacket DecodeSingle(byte[] bytes, MqttProtocolVersion version, uint maximumPacketSize = uint.MaxValue) =>
        DecodeSingle(new ReadOnlySequence<byte>(bytes), version, maximumPacketSize);

    /// <summary>Decodes and expects a protocol error; also checks nothing was consumed.</summary>
    public static MqttProtocolException DecodeFailure(byte[] bytes, MqttProtocolVersion version, uint maximumPacketSize = uint.MaxValue)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        MqttProtocolException? failure = null;
        try
        {
            MqttPacketDecoder.TryDecode(ref reader, version, maximumPacketSize, out _);
        }
        catch (MqttProtocolException exception)
        {
            failure = exception;
        }

        failure.Should().NotBeNull("{0} must be rejected", Convert.ToHexString(bytes));
        reader.Consumed.Should().Be(0);
        return failure!;
    }

    /// <summary>A sequence cut into segments of at most <paramref name="segmentSize"/> bytes.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += segmentSize)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(segmentSize, bytes.Length - offset));
            var segment = new Segment(chunk, last);
            first ??= segment;
            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>
    /// A stable text form of a packet: every public property, recursively, byte memory as hex. Two
    /// packets are equal for the tests when their dumps are (records compare lists by reference).
    /// </summary>
    public static string Dump(object? value)
    {
        var text = new StringBuilder();
        Dump(value, text);
        return text.ToString();
    }

    private static void Dump(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('"').Append(s).Append('"');
                break;
            case ReadOnlyMemory<byte> memory:
                text.Append("0x").Append(Convert.ToHexString(memory.Span));
                break;
            case Enum e:
                text.Append(e.GetType().Name).Append('(').Append(Convert.ToInt64(e, CultureInfo.InvariantCulture)).Append(')');
                break;
            case bool or byte or ushort or uint or int or long:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Dump(item, text);
                    text.Append(", ");
                }

                text.Append(']');
                break;
            default:
                var type = value.GetType();
                text.Append(type.Name).Append(" { ");
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    text.Append(property.Name).Append(" = ");
                    Dump(property.GetValue(value), text);
                    text.Append("; ");
                }

                text.Append('}');
                break;
        }
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
