using Proxus.Mqtt.Packets;
using static Proxus.Mqtt.Packets.MqttProtocolVersion;
using static Proxus.Mqtt.Packets.MqttReasonCode;

namespace Proxus.Mqtt.Tests.Formatting;

public sealed partial class MqttPacketDecoderMalformedTests
{
    public static TheoryData<string, MqttProtocolVersion, string, MqttReasonCode> PropertyCases => new()
    {
        // Properties (2.2.2.2) of PUBLISH (3.3.2.3) and SUBSCRIBE (3.8.2.1).
        { "unknown property 0x05", V500, "30 06 0001 74 02 0501", MalformedPacket },
        { "Maximum QoS in PUBLISH", V500, "30 06 0001 74 02 2401", MalformedPacket },
        { "duplicate message expiry interval", V500, "30 0E 0001 74 0A 0200000001 0200000001", ProtocolError },
        { "payload format indicator 2", V500, "30 06 0001 74 02 0102", ProtocolError },
        { "topic alias 0", V500, "30 07 0001 74 03 230000", TopicAliasInvalid },
        { "subscription identifier 0", V500, "30 06 0001 74 02 0B00", ProtocolError },
        { "response topic with a wildcard", V500, "30 08 0001 74 04 08000123", ProtocolError },
        { "two subscription identifiers in SUBSCRIBE", V500, "82 0B 0001 04 0B010B02 0001 61 00", ProtocolError },
        { "maximum QoS 2 in CONNACK", V500, "20 05 00 00 02 2402", ProtocolError },
    };

    public static TheoryData<string, MqttProtocolVersion, string, MqttReasonCode> AcknowledgementCases => new()
    {
        // Reason codes per packet (2.4 and each packet's table) and 3.1.1 return codes.
        { "PUBACK reason 0x05", V500, "40 03 0001 05", MalformedPacket },
        { "PUBREL reason 0x10", V500, "62 03 0001 10", MalformedPacket },
        { "DISCONNECT reason 0x01", V500, "E0 01 01", MalformedPacket },
        { "CONNACK reason 0x10", V500, "20 03 00 10 00", MalformedPacket },
        { "SUBACK reason 0x03", V500, "90 04 0001 00 03", MalformedPacket },
        { "AUTH reason 0x87", V500, "F0 02 87 00", MalformedPacket },
        { "3.1.1 CONNACK return code 6", V311, "20 02 00 06", MalformedPacket },
        { "3.1.1 SUBACK return code 3", V311, "90 03 0001 03", MalformedPacket },
        { "CONNACK reserved flags", V500, "20 03 02 00 00", MalformedPacket },
        { "CONNACK session present with a refusal", V311, "20 02 01 05", ProtocolError },
        { "SUBACK without reason codes", V311, "90 02 0001", ProtocolError },
        { "5.0 UNSUBACK without reason codes", V500, "B0 03 0001 00", ProtocolError },

        // Subscription options (3.8.3.1) and empty payloads (3.8.3, 3.10.3).
        { "3.1.1 subscription options reserved bits", V311, "82 06 0001 0001 61 04", MalformedPacket },
        { "5.0 subscription options reserved bits", V500, "82 07 0001 00 0001 61 40", MalformedPacket },
        { "subscription QoS 3", V500, "82 07 0001 00 0001 61 03", MalformedPacket },
        { "retain handling 3", V500, "82 07 0001 00 0001 61 30", ProtocolError },
        { "No Local on a shared subscription", V500, "82 10 0001 00 000A 2473686172652F672F61 04", ProtocolError },
        { "empty 3.1.1 SUBSCRIBE", V311, "82 02 0001", ProtocolError },
        { "empty 5.0 SUBSCRIBE", V500, "82 03 0001 00", ProtocolError },
        { "empty 3.1.1 UNSUBSCRIBE", V311, "A2 02 0001", ProtocolError },
        { "empty 5.0 UNSUBSCRIBE", V500, "A2 03 0001 00", ProtocolError },
    };

    [Theory]
    [MemberData(nameof(FixedHeaderCases))]
    [MemberData(nameof(StringCases))]
    [MemberData(nameof(ConnectCases))]
    [MemberData(nameof(PropertyCases))]
    [MemberData(nameof(AcknowledgementCases))]
    public void TryDecode_MalformedInput_ThrowsWithSpecReasonCode(string name, MqttProtocolVersion version, string hex, MqttReasonCode expected)
    {
        var failure = Codec.DecodeFailure(Codec.Hex(hex), version);

        failure.ReasonCode.Should().Be(expected, name);
    }

    [Fact]
    public void TryDecode_256MegabyteAnnouncement_RejectedAtOnceWithPacketTooLarge()
    {
        // 268,435,455 announced; only the five header bytes have arrived.
        var failure = Codec.DecodeFailure(Codec.Hex("10 FF FF FF 7F"), Unknown, maximumPacketSize: 1024 * 1024);

        failure.ReasonCode.Should().Be(PacketTooLarge);
    }

    [Fact]
    public void TryDecode_PacketOverLimitBeforeBodyArrives_ThrowsPacketTooLarge()
    {
        // PUBLISH announcing 128 body bytes (131 in all) against a limit of 100; no body yet.
        var failure = Codec.DecodeFailure(Codec.Hex("30 80 01"), V500, maximumPacketSize: 100);

        failure.ReasonCode.Should().Be(PacketTooLarge);
    }

    [Fact]
    public void TryDecode_PacketExactlyAtLimit_IsAccepted()
    {
        var bytes = Codec.Hex("30 07 0003 612F62 6869");

        Codec.DecodeSingle(bytes, V311, maximumPacketSize: (uint)bytes.Length).Should().BeOfType<PublishPacket>();
        Codec.DecodeFailure(bytes, V311, maximumPacketSize: (uint)bytes.Length - 1).ReasonCode.Should().Be(PacketTooLarge);
    }

    [Theory]
    [InlineData("30 FF FF FF")]
    [InlineData("30 80")]
    [InlineData("30")]
    public void TryDecode_IncompleteRemainingLength_ReturnsFalse(string hex)
    {
        var reader = new System.Buffers.SequenceReader<byte>(new System.Buffers.ReadOnlySequence<byte>(Codec.Hex(hex)));

        Proxus.Mqtt.Formatting.MqttPacketDecoder.TryDecode(ref reader, V500, uint.MaxValue, out _).Should().BeFalse();
        reader.Consumed.Should().Be(0);
    }

    [Fact]
    public void TryDecode_NonMinimalVariableByteIntegers_AreAccepted()
    {
        // Remaining Length 3 written as 83 80 00 and a Property Length 0 written as 80 00 (1.5.5).
        var packet = Codec.DecodeSingle(Codec.Hex("E0 83 80 00 04 80 00"), V500);

        packet.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(DisconnectWithWillMessage);
    }

    [Fact]
    public void TryDecode_RepeatedUserPropertiesAndSubscriptionIdentifiers_AreAllKept()
    {
        // PUBLISH "t": User Property a=1 twice, Subscription Identifier 1 and 2.
        var packet = (PublishPacket)Codec.DecodeSingle(Codec.Hex("30 16 0001 74 12 26000161000131 26000161000131 0B01 0B02"), V500);

        packet.UserProperties.Should().HaveCount(2).And.AllSatisfy(p => p.Should().Be(new MqttUserProperty("a", "1")));
        packet.SubscriptionIdentifiers.Should().Equal(1u, 2u);
    }
}
