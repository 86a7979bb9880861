using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>
/// Packets without user properties or subscription identifiers (nearly all of them) share one empty
/// list instead of allocating their own: the broker and every client decode one PUBLISH per message.
/// </summary>
public sealed class MqttPacketDecoderEmptyPropertiesTests
{
    [Fact]
    public void Decode_TwoPublishesWithoutProperties_ShareTheEmptyLists()
    {
        var bytes = Codec.Encode(new PublishPacket { Topic = "A/b", PacketId = 7, QualityOfService = MqttQualityOfService.AtLeastOnce, Payload = "1"u8.ToArray() }, MqttProtocolVersion.V500);

        var first = (PublishPacket)Codec.DecodeSingle(bytes, MqttProtocolVersion.V500);
        var second = (PublishPacket)Codec.DecodeSingle(bytes, MqttProtocolVersion.V500);

        first.UserProperties.Should().BeEmpty().And.BeSameAs(second.UserProperties);
        first.SubscriptionIdentifiers.Should().BeEmpty().And.BeSameAs(second.SubscriptionIdentifiers);
    }

    [Fact]
    public void Decode_PublishWithProperties_KeepsThemInItsOwnLists()
    {
        var packet = new PublishPacket
        {
            Topic = "A/b",
            PacketId = 7,
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            UserProperties = [new MqttUserProperty("k", "v")],
            SubscriptionIdentifiers = [3],
        };
        var bytes = Codec.Encode(packet, MqttProtocolVersion.V500);

        var decoded = (PublishPacket)Codec.DecodeSingle(bytes, MqttProtocolVersion.V500);

        decoded.UserProperties.Should().Equal(new MqttUserProperty("k", "v"));
        decoded.SubscriptionIdentifiers.Should().Equal(3u);
    }

    [Fact]
    public void Decode_PubAckWithReasonButNoProperties_SharesTheEmptyList()
    {
        var bytes = Codec.Hex("40 03 00 07 10");

        var first = (PubAckPacket)Codec.DecodeSingle(bytes, MqttProtocolVersion.V500);
        var second = (PubAckPacket)Codec.DecodeSingle(bytes, MqttProtocolVersion.V500);

        first.ReasonCode.Should().Be(MqttReasonCode.NoMatchingSubscribers);
        first.UserProperties.Should().BeEmpty().And.BeSameAs(second.UserProperties);
    }
}
