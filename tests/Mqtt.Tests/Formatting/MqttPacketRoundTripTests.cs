using System.Buffers;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

public sealed class MqttPacketRoundTripTests
{
    public static TheoryData<MqttProtocolVersion, int> Samples
    {
        get
        {
            var data = new TheoryData<MqttProtocolVersion, int>();
            for (var i = 0; i < MqttSamplePackets.V500.Count(); i++)
            {
                data.Add(MqttProtocolVersion.V500, i);
            }

            for (var i = 0; i < MqttSamplePackets.V311.Count(); i++)
            {
                data.Add(MqttProtocolVersion.V311, i);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EncodeThenDecode_EveryPacketWithEveryProperty_ReturnsEqualPacket(MqttProtocolVersion version, int index)
    {
        var packet = Sample(version, index);

        var bytes = Codec.Encode(packet, version);
        var decoded = Codec.DecodeSingle(bytes, packet is ConnectPacket ? MqttProtocolVersion.Unknown : version);

        Codec.Dump(decoded).Should().Be(Codec.Dump(packet));
        MqttPacketEncoder.GetEncodedSize(packet, version).Should().Be(bytes.Length);
        Codec.Encode(decoded, version).Should().Equal(bytes);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Encode_IntoSmallSegments_ProducesSameBytes(MqttProtocolVersion version, int index)
    {
        var packet = Sample(version, index);
        var writer = new SegmentingBufferWriter();

        MqttPacketEncoder.Encode(packet, version, writer);

        writer.ToArray().Should().Equal(Codec.Encode(packet, version));
    }

    [Fact]
    public void Encode_FiveZeroPacketFor311_LeavesOutFiveZeroProperties()
    {
        var full = (PublishPacket)MqttSamplePackets.V500.First(p => p is PublishPacket);

        var decoded = (PublishPacket)Codec.DecodeSingle(Codec.Encode(full, MqttProtocolVersion.V311), MqttProtocolVersion.V311);

        decoded.Topic.Should().Be(full.Topic);
        decoded.Payload.ToArray().Should().Equal(full.Payload.ToArray());
        decoded.UserProperties.Should().BeEmpty();
        decoded.SubscriptionIdentifiers.Should().BeEmpty();
        decoded.ContentType.Should().BeNull();
        decoded.TopicAlias.Should().BeNull();
    }

    [Theory]
    [InlineData(MqttReasonCode.Success, 0)]
    [InlineData(MqttReasonCode.UnsupportedProtocolVersion, 1)]
    [InlineData(MqttReasonCode.ClientIdentifierNotValid, 2)]
    [InlineData(MqttReasonCode.ServerUnavailable, 3)]
    [InlineData(MqttReasonCode.ServerBusy, 3)]
    [InlineData(MqttReasonCode.UnspecifiedError, 3)]
    [InlineData(MqttReasonCode.BadUserNameOrPassword, 4)]
    [InlineData(MqttReasonCode.NotAuthorized, 5)]
    [InlineData(MqttReasonCode.Banned, 5)]
    [InlineData(MqttReasonCode.BadAuthenticationMethod, 5)]
    public void Encode_ConnAckFor311_MapsReasonCodeToReturnCode(MqttReasonCode reasonCode, byte returnCode)
    {
        var bytes = Codec.Encode(new ConnAckPacket { ReasonCode = reasonCode }, MqttProtocolVersion.V311);

        bytes.Should().Equal(0x20, 0x02, 0x00, returnCode);
    }

    [Theory]
    [InlineData(MqttReasonCode.GrantedQoS0, 0x00)]
    [InlineData(MqttReasonCode.GrantedQoS1, 0x01)]
    [InlineData(MqttReasonCode.GrantedQoS2, 0x02)]
    [InlineData(MqttReasonCode.TopicFilterInvalid, 0x80)]
    [InlineData(MqttReasonCode.NotAuthorized, 0x80)]
    public void Encode_SubAckFor311_MapsFailuresTo0x80(MqttReasonCode reasonCode, byte returnCode)
    {
        var bytes = Codec.Encode(new SubAckPacket { PacketId = 1, ReasonCodes = [reasonCode] }, MqttProtocolVersion.V311);

        bytes.Should().Equal(0x90, 0x03, 0x00, 0x01, returnCode);
    }

    [Fact]
    public void Encode_PayloadAboveInlineLimit_SpreadsOverOutputSegments()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        var packet = new PublishPacket { Topic = "big", Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = 9 };
        var writer = new SegmentingBufferWriter();

        MqttPacketEncoder.Encode(packet, MqttProtocolVersion.V500, writer);

        writer.SegmentCount.Should().BeGreaterThan(1);
        var decoded = (PublishPacket)Codec.DecodeSingle(writer.ToArray(), MqttProtocolVersion.V500);
        decoded.Payload.ToArray().Should().Equal(payload);
    }

    private static MqttPacket Sample(MqttProtocolVersion version, int index) =>
        (version == MqttProtocolVersion.V500 ? MqttSamplePackets.V500 : MqttSamplePackets.V311).ElementAt(index);

    /// <summary>An output that hands out small buffers (never less than asked), like a pipe's segments.</summary>
    private sealed class SegmentingBufferWriter : IBufferWriter<byte>
    {
        private const int SegmentSize = 4096;
        private readonly List<byte[]> _segments = [];
        private readonly List<int> _lengths = [];

        public int SegmentCount => _segments.Count;

        public void Advance(int count) => _lengths[^1] += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            var segment = new byte[Math.Max(sizeHint, SegmentSize)];
            _segments.Add(segment);
            _lengths.Add(0);
            return segment;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public byte[] ToArray() => _segments.SelectMany((segment, i) => segment.Take(_lengths[i])).ToArray();
    }
}
