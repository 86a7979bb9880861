using System.Buffers;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>Packets that cannot be put on the wire are refused before a byte is written.</summary>
public sealed class MqttPacketEncoderTests
{
    public static TheoryData<string, MqttPacket, MqttProtocolVersion> Unencodable => new()
    {
        { "U+0000 in a client identifier", new ConnectPacket { ClientId = "a\0b" }, MqttProtocolVersion.V500 },
        { "lone surrogate in a topic", new PublishPacket { Topic = "a\uD800" }, MqttProtocolVersion.V500 },
        { "topic over 65,535 bytes", new PublishPacket { Topic = new string('€', 21_846) }, MqttProtocolVersion.V311 },
        { "QoS 1 without packet id", new PublishPacket { Topic = "t", QualityOfService = MqttQualityOfService.AtLeastOnce }, MqttProtocolVersion.V500 },
        { "QoS 3", new PublishPacket { Topic = "t", QualityOfService = (MqttQualityOfService)3, PacketId = 1 }, MqttProtocolVersion.V500 },
        { "DUP on QoS 0", new PublishPacket { Topic = "t", Duplicate = true }, MqttProtocolVersion.V311 },
        { "wildcard in a topic name", new PublishPacket { Topic = "a/#" }, MqttProtocolVersion.V500 },
        { "empty topic in 3.1.1", new PublishPacket { Topic = string.Empty, TopicAlias = 1 }, MqttProtocolVersion.V311 },
        { "empty topic without alias", new PublishPacket { Topic = string.Empty }, MqttProtocolVersion.V500 },
        { "topic alias 0", new PublishPacket { Topic = "t", TopicAlias = 0 }, MqttProtocolVersion.V500 },
        { "subscription identifier 0 in PUBLISH", new PublishPacket { Topic = "t", SubscriptionIdentifiers = [0] }, MqttProtocolVersion.V500 },
        { "correlation data over 65,535 bytes", new PublishPacket { Topic = "t", CorrelationData = new byte[65_536] }, MqttProtocolVersion.V500 },
        { "PUBACK without packet id", new PubAckPacket(), MqttProtocolVersion.V311 },
        { "SUBSCRIBE without filters", new SubscribePacket { PacketId = 1 }, MqttProtocolVersion.V500 },
        { "SUBSCRIBE identifier over the maximum", Subscribe(268_435_456), MqttProtocolVersion.V500 },
        { "SUBSCRIBE retain handling 3", new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = "a", RetainHandling = (MqttRetainHandling)3 }] }, MqttProtocolVersion.V500 },
        { "SUBACK without reason codes", new SubAckPacket { PacketId = 1 }, MqttProtocolVersion.V311 },
        { "UNSUBSCRIBE without filters", new UnsubscribePacket { PacketId = 1 }, MqttProtocolVersion.V311 },
        { "5.0 UNSUBACK without reason codes", new UnsubAckPacket { PacketId = 1 }, MqttProtocolVersion.V500 },
        { "AUTH in 3.1.1", new AuthPacket(), MqttProtocolVersion.V311 },
        { "PINGREQ before the version is known", PingReqPacket.Instance, MqttProtocolVersion.Unknown },
        { "CONNECT announcing another version", new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311 }, MqttProtocolVersion.V500 },
        { "CONNECT announcing no version", new ConnectPacket { ProtocolVersion = MqttProtocolVersion.Unknown }, MqttProtocolVersion.Unknown },
        { "3.1.1 password without user name", new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, Password = new byte[] { 1 } }, MqttProtocolVersion.V311 },
        { "will topic with a wildcard", new ConnectPacket { Will = new MqttWillMessage { Topic = "+" } }, MqttProtocolVersion.V500 },
        { "CONNECT receive maximum 0", new ConnectPacket { ReceiveMaximum = 0 }, MqttProtocolVersion.V500 },
        { "CONNECT maximum packet size 0", new ConnectPacket { MaximumPacketSize = 0 }, MqttProtocolVersion.V500 },
        { "CONNACK receive maximum 0", new ConnAckPacket { ReceiveMaximum = 0 }, MqttProtocolVersion.V500 },
        { "CONNACK maximum packet size 0", new ConnAckPacket { MaximumPacketSize = 0 }, MqttProtocolVersion.V500 },
        { "will QoS 3", new ConnectPacket { Will = new MqttWillMessage { Topic = "w", QualityOfService = (MqttQualityOfService)3 } }, MqttProtocolVersion.V311 },
        { "refusing CONNACK with session present", new ConnAckPacket { SessionPresent = true, ReasonCode = MqttReasonCode.NotAuthorized }, MqttProtocolVersion.V500 },
    };

    [Theory]
    [MemberData(nameof(Unencodable))]
    public void Encode_UnencodablePacket_ThrowsArgumentExceptionAndWritesNothing(string name, MqttPacket packet, MqttProtocolVersion version)
    {
        var output = new ArrayBufferWriter<byte>();

        var encode = () => MqttPacketEncoder.Encode(packet, version, output);
        var measure = () => MqttPacketEncoder.GetEncodedSize(packet, version);

        encode.Should().Throw<ArgumentException>(name);
        measure.Should().Throw<ArgumentException>(name);
        output.WrittenCount.Should().Be(0);
    }

    [Fact]
    public void Encode_TopicOfExactly65535Bytes_IsAccepted()
    {
        var topic = new string('a', 65_535);

        var decoded = (PublishPacket)Codec.DecodeSingle(Codec.Encode(new PublishPacket { Topic = topic }, MqttProtocolVersion.V311), MqttProtocolVersion.V311);

        decoded.Topic.Should().Be(topic);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(124, 2)]
    [InlineData(125, 3)]
    [InlineData(16_380, 3)]
    [InlineData(16_381, 4)]
    public void GetEncodedSize_RemainingLengthBoundaries_UsesMinimalVariableByteInteger(int payloadLength, int headerLength)
    {
        // PUBLISH 3.1.1 QoS 0 with topic "t": body = 3 + payload; bodies of 127/128 and 16,383/16,384 are the edges.
        var packet = new PublishPacket { Topic = "t", Payload = new byte[payloadLength] };

        var size = MqttPacketEncoder.GetEncodedSize(packet, MqttProtocolVersion.V311);

        size.Should().Be(headerLength + 3 + payloadLength);
        Codec.Encode(packet, MqttProtocolVersion.V311).Length.Should().Be(size);
    }

    [Fact]
    public void Encode_PublishFor500_WritesMinimalShape()
    {
        // 30 | RL 05 | 0001 74 | property length 00 | payload 41.
        Codec.Encode(new PublishPacket { Topic = "t", Payload = "A"u8.ToArray() }, MqttProtocolVersion.V500)
            .Should().Equal(Codec.Hex("30 05 0001 74 00 41"));
    }

    private static SubscribePacket Subscribe(uint identifier) => new()
    {
        PacketId = 1,
        SubscriptionIdentifier = identifier,
        Subscriptions = [new MqttSubscription { TopicFilter = "a" }],
    };
}
