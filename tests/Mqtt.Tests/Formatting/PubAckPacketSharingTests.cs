using System.Buffers;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

public sealed class PubAckPacketSharingTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryDecode_SuccessPubAckTwice_TheSharedPacket(MqttProtocolVersion version)
    {
        var bytes = Codec.Encode(new PubAckPacket { PacketId = 300 }, version);

        var first = Decode(bytes, version);
        var second = Decode(bytes, version);

        first.Should().BeSameAs(second);
        first.Should().BeSameAs(PubAckPacket.Success(300));
        first.Should().Be(new PubAckPacket { PacketId = 300 });
    }

    [Fact]
    public void TryDecode_PubAckWithAReasonOrProperties_APacketOfItsOwn()
    {
        var refused = new PubAckPacket { PacketId = 301, ReasonCode = MqttReasonCode.NoMatchingSubscribers };
        var explained = new PubAckPacket { PacketId = 301, ReasonString = "fine" };

        var decodedRefused = Decode(Codec.Encode(refused, MqttProtocolVersion.V500), MqttProtocolVersion.V500);
        var decodedExplained = Decode(Codec.Encode(explained, MqttProtocolVersion.V500), MqttProtocolVersion.V500);

        decodedRefused.Should().BeEquivalentTo(refused);
        decodedRefused.Should().NotBeSameAs(PubAckPacket.Success(301));
        decodedExplained.Should().BeEquivalentTo(explained);
        decodedExplained.Should().NotBeSameAs(PubAckPacket.Success(301));
    }

    [Fact]
    public void Success_EveryPacketId_EncodesAsAPlainPubAck()
    {
        foreach (ushort id in new ushort[] { 1, 2, 255, 256, ushort.MaxValue })
        {
            var shared = PubAckPacket.Success(id);

            shared.PacketId.Should().Be(id);
            shared.ReasonCode.Should().Be(MqttReasonCode.Success);
            Codec.Encode(shared, MqttProtocolVersion.V500).Should().Equal(Codec.Encode(new PubAckPacket { PacketId = id }, MqttProtocolVersion.V500));
        }
    }

    private static PubAckPacket Decode(byte[] bytes, MqttProtocolVersion version)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        MqttPacketDecoder.TryDecode(ref reader, version, uint.MaxValue, out var packet).Should().BeTrue();
        return packet.Should().BeOfType<PubAckPacket>().Subject;
    }
}
