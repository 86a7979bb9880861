using System.Buffers;
using System.Buffers.Binary;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>
/// A PUBLISH larger than the decoder gathers on the stack and split over receive buffers: its variable
/// header is gathered alone and its payload copied straight out of the segments. It must decode as the
/// contiguous bytes do, and fail as they do when a length lies.
/// </summary>
public sealed class MqttPacketDecoderLargePublishTests
{
    public static TheoryData<MqttProtocolVersion, MqttQualityOfService, int> Shapes()
    {
        var data = new TheoryData<MqttProtocolVersion, MqttQualityOfService, int>();
        foreach (var version in new[] { MqttProtocolVersion.V311, MqttProtocolVersion.V500 })
        {
            foreach (var qos in new[] { MqttQualityOfService.AtMostOnce, MqttQualityOfService.AtLeastOnce })
            {
                foreach (var segmentSize in new[] { 1, 7, 333, 4096 })
                {
                    data.Add(version, qos, segmentSize);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TryDecode_LargePublishInSegments_SameAsContiguous(MqttProtocolVersion version, MqttQualityOfService qos, int segmentSize)
    {
        var bytes = Codec.Encode(Sample(version, qos, payloadSize: 16 * 1024), version);

        var segmented = Codec.DecodeSingle(Codec.Segmented(bytes, segmentSize), version);

        Codec.Dump(segmented).Should().Be(Codec.Dump(Codec.DecodeSingle(bytes, version)));
        ((PublishPacket)segmented).Payload.Length.Should().Be(16 * 1024);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryDecode_LargePublishWithAHeaderLongerThanTheStackGather_SameAsContiguous(MqttProtocolVersion version)
    {
        var topic = string.Join('/', Enumerable.Repeat("level", 150));
        var bytes = Codec.Encode(Sample(version, MqttQualityOfService.AtLeastOnce, payloadSize: 4096) with { Topic = topic }, version);

        var segmented = (PublishPacket)Codec.DecodeSingle(Codec.Segmented(bytes, 100), version);

        Codec.Dump(segmented).Should().Be(Codec.Dump(Codec.DecodeSingle(bytes, version)));
        segmented.Topic.Should().Be(topic);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryDecode_LargePublishWithEmptyPayload_SameAsContiguous(MqttProtocolVersion version)
    {
        var topic = new string('t', 2000);
        var bytes = Codec.Encode(Sample(version, MqttQualityOfService.AtMostOnce, payloadSize: 0) with { Topic = topic }, version);

        var segmented = (PublishPacket)Codec.DecodeSingle(Codec.Segmented(bytes, 64), version);

        segmented.Payload.IsEmpty.Should().BeTrue();
        segmented.Topic.Should().Be(topic);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 0x7FFF)]
    [InlineData(MqttProtocolVersion.V500, 0x7FFF)]
    [InlineData(MqttProtocolVersion.V500, 0xFFFF)]
    public void TryDecode_LargePublishWhoseTopicLengthLies_FailsAsContiguous(MqttProtocolVersion version, int topicLength)
    {
        var bytes = Codec.Encode(Sample(version, MqttQualityOfService.AtMostOnce, payloadSize: 2048), version);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(BodyStart(bytes)), (ushort)topicLength);

        ExpectSameFailure(bytes, version);
    }

    [Fact]
    public void TryDecode_LargePublishWhosePropertyLengthLies_FailsAsContiguous()
    {
        var bytes = Codec.Encode(Sample(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce, payloadSize: 2048), MqttProtocolVersion.V500);
        var properties = BodyStart(bytes) + 2 + "a/b".Length + 2;
        bytes[properties] = 0xFF;
        bytes[properties + 1] = 0xFF;
        bytes[properties + 2] = 0xFF;
        bytes[properties + 3] = 0x7F;

        ExpectSameFailure(bytes, MqttProtocolVersion.V500);
    }

    [Fact]
    public void TryDecode_LargePublishWithAFiveBytePropertyLength_FailsAsContiguous()
    {
        var bytes = Codec.Encode(Sample(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce, payloadSize: 2048), MqttProtocolVersion.V500);
        var properties = BodyStart(bytes) + 2 + "a/b".Length + 2;
        bytes.AsSpan(properties, 5).Fill(0x80);

        ExpectSameFailure(bytes, MqttProtocolVersion.V500);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryDecode_LargePublishWithWildcardInTopic_TopicNameInvalid(MqttProtocolVersion version)
    {
        var bytes = Codec.Encode(Sample(version, MqttQualityOfService.AtMostOnce, payloadSize: 2048), version);
        bytes[BodyStart(bytes) + 3] = (byte)'#';

        ExpectSameFailure(bytes, version).ReasonCode.Should().Be(MqttReasonCode.TopicNameInvalid);
    }

    [Fact]
    public void TryDecode_LargePublishWithPacketIdZero_FailsAsContiguous()
    {
        var bytes = Codec.Encode(Sample(MqttProtocolVersion.V500, MqttQualityOfService.AtLeastOnce, payloadSize: 2048), MqttProtocolVersion.V500);
        var packetId = BodyStart(bytes) + 2 + "a/b".Length;
        bytes[packetId] = 0;
        bytes[packetId + 1] = 0;

        ExpectSameFailure(bytes, MqttProtocolVersion.V500);
    }

    private static PublishPacket Sample(MqttProtocolVersion version, MqttQualityOfService qos, int payloadSize)
    {
        var payload = Enumerable.Range(0, payloadSize).Select(i => (byte)(i * 7)).ToArray();
        var packet = new PublishPacket
        {
            Topic = "a/b",
            QualityOfService = qos,
            PacketId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : (ushort)42,
            Payload = payload,
        };
        return version == MqttProtocolVersion.V500
            ? packet with { ContentType = "application/octet-stream", CorrelationData = new byte[] { 1, 2, 3 }, UserProperties = [new MqttUserProperty("k", "v")] }
            : packet;
    }

    /// <summary>Where the body starts: after the fixed header's first byte and its Remaining Length.</summary>
    private static int BodyStart(byte[] bytes)
    {
        var at = 1;
        while ((bytes[at] & 0x80) != 0)
        {
            at++;
        }

        return at + 1;
    }

    private static MqttProtocolException ExpectSameFailure(byte[] bytes, MqttProtocolVersion version)
    {
        var contiguous = Codec.DecodeFailure(bytes, version);
        var sequence = Codec.Segmented(bytes, 100);
        var decode = () =>
        {
            var reader = new SequenceReader<byte>(sequence);
            return MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out _);
        };

        var segmented = decode.Should().Throw<MqttProtocolException>().Which;
        segmented.ReasonCode.Should().Be(contiguous.ReasonCode);
        return segmented;
    }
}
