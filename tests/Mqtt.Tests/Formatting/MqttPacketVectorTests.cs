using System.Buffers;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

public sealed class MqttPacketVectorTests
{
    public static TheoryData<MqttVector> Vectors => MqttVectors.AllData;

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryDecode_KnownGoodVector_ReturnsDescribedPacket(MqttVector vector)
    {
        var packet = Codec.DecodeSingle(vector.Bytes, vector.Version);

        Codec.Dump(packet).Should().Be(Codec.Dump(vector.Packet));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryDecode_ConnectBeforeVersionIsKnown_CarriesAnnouncedVersion(MqttVector vector)
    {
        if (vector.Packet is not ConnectPacket)
        {
            return;
        }

        var packet = Codec.DecodeSingle(vector.Bytes, MqttProtocolVersion.Unknown);

        packet.Should().BeOfType<ConnectPacket>().Which.ProtocolVersion.Should().Be(vector.Version);
        Codec.Dump(packet).Should().Be(Codec.Dump(vector.Packet));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encode_KnownGoodVector_WritesVectorBytes(MqttVector vector)
    {
        var bytes = Codec.Encode(vector.Packet, vector.Version);

        if (vector.Canonical)
        {
            Convert.ToHexString(bytes).Should().Be(Convert.ToHexString(vector.Bytes));
        }
        else
        {
            bytes.Length.Should().BeLessThan(vector.Bytes.Length, "the short form is written");
            Codec.Dump(Codec.DecodeSingle(bytes, vector.Version)).Should().Be(Codec.Dump(vector.Packet));
        }

        MqttPacketEncoder.GetEncodedSize(vector.Packet, vector.Version).Should().Be(bytes.Length);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryDecode_EveryTruncatedPrefix_ReturnsFalseAndConsumesNothing(MqttVector vector)
    {
        var bytes = vector.Bytes;
        for (var length = 0; length < bytes.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, length));

            MqttPacketDecoder.TryDecode(ref reader, vector.Version, uint.MaxValue, out var packet)
                .Should().BeFalse("a {0}-byte prefix of {1} bytes is incomplete", length, bytes.Length);
            packet.Should().BeNull();
            reader.Consumed.Should().Be(0);
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryDecode_OneByteSegments_ReturnsSamePacket(MqttVector vector)
    {
        var packet = Codec.DecodeSingle(Codec.Segmented(vector.Bytes, 1), vector.Version);

        Codec.Dump(packet).Should().Be(Codec.Dump(vector.Packet));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryDecode_ManyPacketsInOneBuffer_DecodesEachInOrder(MqttProtocolVersion version)
    {
        var vectors = MqttVectors.All.Where(v => v.Version == version).ToList();
        var buffer = vectors.SelectMany(v => v.Bytes).ToArray();
        var reader = new SequenceReader<byte>(Codec.Segmented(buffer, 7));

        foreach (var vector in vectors)
        {
            MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out var packet).Should().BeTrue(vector.Name);
            Codec.Dump(packet).Should().Be(Codec.Dump(vector.Packet));
        }

        reader.End.Should().BeTrue();
        MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out _).Should().BeFalse();
    }

    [Fact]
    public void TryDecode_WholePacketFollowedByPartialOne_ConsumesOnlyTheWholeOne()
    {
        var buffer = Codec.Hex("40 02 000A  30 07 0003 612F62 68");
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer));

        MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V311, uint.MaxValue, out var first).Should().BeTrue();
        first.Should().BeOfType<PubAckPacket>().Which.PacketId.Should().Be(10);
        MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V311, uint.MaxValue, out var second).Should().BeFalse();
        second.Should().BeNull();
        reader.Consumed.Should().Be(4);
    }

    [Fact]
    public void TryDecode_LargePublishAcrossSegments_CopiesPayloadOutOfTheBuffers()
    {
        var payload = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        var bytes = Codec.Encode(new PublishPacket { Topic = "big", Payload = payload }, MqttProtocolVersion.V500);
        var sequence = Codec.Segmented(bytes, 333);

        var packet = (PublishPacket)Codec.DecodeSingle(sequence, MqttProtocolVersion.V500);
        Array.Clear(bytes);

        packet.Payload.ToArray().Should().Equal(payload);
        packet.Topic.Should().Be("big");
    }

    [Fact]
    public void TryDecode_PayloadFromSingleSegment_IsCopiedNotAliased()
    {
        var bytes = Codec.Hex("30 07 0003 612F62 6869");
        var packet = (PublishPacket)Codec.DecodeSingle(bytes, MqttProtocolVersion.V311);

        Array.Clear(bytes);

        packet.Payload.ToArray().Should().Equal("hi"u8.ToArray());
    }

    [Fact]
    public void TryDecode_UndefinedVersion_ThrowsArgumentOutOfRange()
    {
        var decode = () =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Codec.Hex("C0 00")));
            return MqttPacketDecoder.TryDecode(ref reader, (MqttProtocolVersion)3, uint.MaxValue, out _);
        };

        decode.Should().Throw<ArgumentOutOfRangeException>();
    }
}
