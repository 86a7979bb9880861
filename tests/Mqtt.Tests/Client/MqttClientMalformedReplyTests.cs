using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

/// <summary>
/// A server that breaks the protocol gets its connection closed — with DISCONNECT and the reason
/// code in 5.0 — and the client reports a typed error; nothing hangs.
/// </summary>
public sealed class MqttClientMalformedReplyTests
{
    public static TheoryData<string, byte[], MqttReasonCode> HostileReplies => new()
    {
        // PUBACK for packet identifier 0x1234, which is not in flight.
        { "unknown PUBACK", [0x40, 0x02, 0x12, 0x34], MqttReasonCode.ProtocolError },
        // PUBCOMP without any PUBREC before it.
        { "unexpected PUBCOMP", [0x70, 0x02, 0x00, 0x01], MqttReasonCode.ProtocolError },
        // SUBACK nobody asked for.
        { "unknown SUBACK", [0x90, 0x04, 0x00, 0x05, 0x00, 0x00], MqttReasonCode.ProtocolError },
        // A second CONNACK.
        { "second CONNACK", [0x20, 0x03, 0x00, 0x00, 0x00], MqttReasonCode.ProtocolError },
        // A well-formed 5.0 CONNECT (clean start, keep-alive 0, no properties, empty client id) from a server.
        { "CONNECT", [0x10, 0x0D, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00], MqttReasonCode.ProtocolError },
        // Packet type 0 is reserved.
        { "reserved type", [0x00, 0x00], MqttReasonCode.MalformedPacket },
        // PUBACK with flags 0001 (reserved bits must be 0).
        { "reserved flags", [0x41, 0x02, 0x00, 0x01], MqttReasonCode.MalformedPacket },
        // Remaining length over 4 bytes.
        { "endless length", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MqttReasonCode.MalformedPacket },
        // A 256 MB announcement, above our 1 MB Maximum Packet Size: refused before buffering.
        { "oversized announcement", [0x30, 0xFF, 0xFF, 0xFF, 0x7F], MqttReasonCode.PacketTooLarge },
        // PUBLISH QoS 0 to "a" with Topic Alias 1 although we allow none: 30 len 00 01 'a' props(3: 23 00 01).
        { "topic alias", [0x30, 0x07, 0x00, 0x01, (byte)'a', 0x03, 0x23, 0x00, 0x01], MqttReasonCode.TopicAliasInvalid },
        // PUBLISH QoS 3.
        { "QoS 3", [0x36, 0x06, 0x00, 0x01, (byte)'a', 0x00, 0x01, 0x00], MqttReasonCode.MalformedPacket },
        // PUBREL for a QoS 2 message the application has not taken (no PUBREC sent): see the separate test.
    };

    [Theory]
    [MemberData(nameof(HostileReplies))]
    public async Task HostileReply_ClosesTheConnectionWithReasonCode(string name, byte[] reply, MqttReasonCode expected)
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri) with { MaximumPacketSize = 1024 * 1024 });
        await using var _client = client;

        var disconnected = await client.NextDisconnectAsync(() => connection.SendRawAsync(reply));

        disconnected.Reason.Should().BeOfType<MqttProtocolException>(name).Which.ReasonCode.Should().Be(expected);
        disconnected.WillReconnect.Should().BeFalse();
        var sent = await connection.ReceiveUntilClosedAsync();
        sent.OfType<DisconnectPacket>().Should().ContainSingle().Which.ReasonCode.Should().Be(expected);
        client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task HostileReply_PendingPublishFailsWithTheProtocolErrorInside()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var publishing = client.PublishAsync("a", new byte[1], MqttQualityOfService.AtLeastOnce).AsTask();
        var publish = await connection.ReceiveAsync<PublishPacket>();
        await connection.SendAsync(new PubRecPacket { PacketId = publish.PacketId });

        var error = await publishing.Invoking(t => t.WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.InnerException.Should().BeOfType<MqttProtocolException>().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task HostileReply_SubAckWithWrongNumberOfReasonCodes_FailsTheSubscribe()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var subscribing = client.SubscribeAsync([new MqttSubscription { TopicFilter = "a" }, new MqttSubscription { TopicFilter = "b" }]);
        var subscribe = await connection.ReceiveAsync<SubscribePacket>();
        await connection.SendAsync(new SubAckPacket { PacketId = subscribe.PacketId, ReasonCodes = [MqttReasonCode.GrantedQoS0] });

        var error = await subscribing.Invoking(t => t.WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.ConnectionLost);
        error.Which.InnerException.Should().BeOfType<MqttProtocolException>();
    }

    [Fact]
    public async Task HostileReply_PubRelBeforePubRec_ClosesWithProtocolError()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        await connection.SendAsync(new PublishPacket { Topic = "a", PacketId = 3, QualityOfService = MqttQualityOfService.ExactlyOnce });
        var disconnected = await client.NextDisconnectAsync(() => connection.SendAsync(new PubRelPacket { PacketId = 3 }));

        disconnected.Reason.Should().BeOfType<MqttProtocolException>().Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task HostileReply_TruncatedPacketThenClose_ReportsMalformedPacket()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var disconnected = await client.NextDisconnectAsync(async () =>
        {
            await connection.SendRawAsync(new byte[] { 0x30, 0x10, 0x00, 0x01 });
            connection.Drop();
        });

        disconnected.Reason.Should().BeAssignableTo<Exception>().And.Match<Exception>(e =>
            e is MqttProtocolException || e is MqttClientException);
    }

    [Fact]
    public async Task ServerDisconnect_ReportsServerDisconnectedWithReasonCode()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri));
        await using var _client = client;

        var disconnected = await client.NextDisconnectAsync(() => connection.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.SessionTakenOver }));

        var error = disconnected.Reason.Should().BeOfType<MqttClientException>().Subject;
        (error.Error, error.ReasonCode).Should().Be((MqttClientError.ServerDisconnected, MqttReasonCode.SessionTakenOver));
    }
}
