using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerHostileInputTests
{
    [Fact]
    public async Task Connect_ProtocolLevel3_ConnAckUnacceptableProtocolVersionThenClosed()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = broker.Open(MqttProtocolVersion.V311);

        // CONNECT "MQIsdp" would be 3.1; here "MQTT" with level 3, clean session, keep-alive 60, client id "c".
        await client.SendRawAsync(0x10, 0x0D, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x03, 0x02, 0x00, 0x3C, 0x00, 0x01, (byte)'c');

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<ConnAckPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.UnsupportedProtocolVersion);
    }

    [Fact]
    public async Task Connect_WillTopicBeyondLimits_ConnAckTopicNameInvalid()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumTopicLevels = 2);
        await using var client = broker.Open();

        await client.SendAsync(new ConnectPacket { ClientId = "c", Will = new MqttWillMessage { Topic = "a/b/c/d", Payload = "x"u8.ToArray() } });

        (await client.ReceiveAsync<ConnAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.TopicNameInvalid);
    }

    [Fact]
    public async Task Auth_AfterConnect_DisconnectProtocolError()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new AuthPacket { ReasonCode = MqttReasonCode.ReAuthenticate, AuthenticationMethod = "SCRAM" });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task PubRec_UnknownPacketId_PubRelNotFound()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new PubRecPacket { PacketId = 77 });

        var pubRel = await client.ReceiveAsync<PubRelPacket>();
        pubRel.PacketId.Should().Be(77);
        pubRel.ReasonCode.Should().Be(MqttReasonCode.PacketIdentifierNotFound);
    }

    [Fact]
    public async Task PubAck_UnknownPacketId_Ignored()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new PubAckPacket { PacketId = 5 });
        await client.SendAsync(PingReqPacket.Instance);

        await client.ReceiveAsync<PingRespPacket>();
    }

    [Fact]
    public async Task ServerToClientPacket_FromClient_DisconnectProtocolError()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c");

        await client.SendAsync(new SubAckPacket { PacketId = 1, ReasonCodes = [MqttReasonCode.GrantedQoS0] });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }
}
