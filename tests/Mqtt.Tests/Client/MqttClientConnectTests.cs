using System.Text;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

public sealed class MqttClientConnectTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task ConnectAsync_ServerAccepts_SendsConfiguredConnect(MqttProtocolVersion version)
    {
        await using var server = new ScriptedMqttServer();
        var options = Options(server.Uri, version) with
        {
            ClientId = "agent-7",
            CleanStart = false,
            SessionExpiryInterval = 3600,
            KeepAlive = TimeSpan.FromSeconds(45),
            Username = "agent",
            Password = Encoding.UTF8.GetBytes("secret"),
            Will = new MqttWillMessage { Topic = "status/agent-7", Payload = Encoding.UTF8.GetBytes("offline"), Retain = true, QualityOfService = MqttQualityOfService.AtLeastOnce },
            UserProperties = [new MqttUserProperty("site", "A")],
        };

        var (client, _, connect) = await server.ConnectAsync(options);
        await using var _client = client;

        client.IsConnected.Should().BeTrue();
        connect.ProtocolVersion.Should().Be(version);
        connect.ClientId.Should().Be("agent-7");
        connect.CleanStart.Should().BeFalse();
        connect.KeepAliveSeconds.Should().Be(45);
        connect.Username.Should().Be("agent");
        connect.Password!.Value.ToArray().Should().Equal(Encoding.UTF8.GetBytes("secret"));
        connect.Will!.Topic.Should().Be("status/agent-7");
        connect.Will.Retain.Should().BeTrue();
        if (version == MqttProtocolVersion.V500)
        {
            connect.SessionExpiryInterval.Should().Be(3600);
            connect.UserProperties.Should().Equal(new MqttUserProperty("site", "A"));
            connect.ReceiveMaximum.Should().Be(options.ReceiveMaximum);
            connect.MaximumPacketSize.Should().Be(options.MaximumPacketSize);
        }
    }

    [Fact]
    public async Task ConnectAsync_ServerRefuses_ThrowsConnectRefusedWithReasonCode()
    {
        await using var server = new ScriptedMqttServer();
        await using var client = new MqttClient(Options(server.Uri));
        var accepted = server.AcceptAsync();
        var connecting = client.ConnectAsync();
        var connection = await accepted;
        await connection.AcceptConnectAsync(new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized });

        var error = await connecting.Invoking(t => t.WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.ConnectRefused);
        error.Which.ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task ConnectAsync_ServerNeverAnswers_ThrowsTimeout()
    {
        await using var server = new ScriptedMqttServer();
        await using var client = new MqttClient(Options(server.Uri) with { ConnectTimeout = TimeSpan.FromMilliseconds(300) });
        var accepted = server.AcceptAsync();
        var connecting = client.ConnectAsync();
        var connection = await accepted;
        await connection.ReceiveAsync<ConnectPacket>();

        var error = await connecting.Invoking(t => t.WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.Timeout);
    }

    [Fact]
    public async Task ConnectAsync_NothingListens_ThrowsTransportFailed()
    {
        var port = TestSupport.LoopbackPort.GetFree();
        await using var client = new MqttClient(Options(new Uri($"mqtt://127.0.0.1:{port}")));

        var error = await client.Invoking(c => c.ConnectAsync().WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.Error.Should().Be(MqttClientError.TransportFailed);
    }

    [Fact]
    public async Task ConnectAsync_SessionPresentAfterCleanStart_RefusesTheConnection()
    {
        await using var server = new ScriptedMqttServer();
        await using var client = new MqttClient(Options(server.Uri));
        var accepted = server.AcceptAsync();
        var connecting = client.ConnectAsync();
        var connection = await accepted;
        await connection.AcceptConnectAsync(new ConnAckPacket { SessionPresent = true });

        var error = await connecting.Invoking(t => t.WaitAsync(TestTimeout)).Should().ThrowAsync<MqttClientException>();
        error.Which.InnerException.Should().BeOfType<MqttProtocolException>();
        (await connection.ReceiveUntilClosedAsync()).Should().NotContain(p => p is PublishPacket);
    }

    [Fact]
    public async Task ConnectAsync_ServerAssignsClientId_ClientUsesItForReconnects()
    {
        await using var server = new ScriptedMqttServer();
        var options = Options(server.Uri, reconnect: true) with { ClientId = string.Empty };
        var (client, first, _) = await server.ConnectAsync(options, new ConnAckPacket { AssignedClientIdentifier = "auto-42" });
        await using var _client = client;
        client.ClientId.Should().Be("auto-42");

        var accepted = server.AcceptAsync();
        first.Drop();
        var second = await accepted;
        var reconnect = await second.AcceptConnectAsync();

        reconnect.ClientId.Should().Be("auto-42");
        reconnect.CleanStart.Should().BeFalse();
    }

    [Fact]
    public async Task DisconnectAsync_Connected_SendsDisconnectAndStops()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true));
        await using var _client = client;

        await client.DisconnectAsync().WaitAsync(TestTimeout);

        var packets = await connection.ReceiveUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.NormalDisconnection);
        client.IsConnected.Should().BeFalse();
        await client.Invoking(c => c.PublishAsync("a/b", new byte[1]).AsTask()).Should().ThrowAsync<MqttClientException>()
            .Where(e => e.Error == MqttClientError.NotConnected);
    }

    [Fact]
    public async Task KeepAlive_Idle_SendsPingReqAndClosesWhenNoPingResp()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri) with { KeepAlive = TimeSpan.FromSeconds(1) });
        await using var _client = client;

        await connection.ReceiveAsync<PingReqPacket>();
        await connection.SendAsync(PingRespPacket.Instance);
        await connection.ReceiveAsync<PingReqPacket>();

        // No PINGRESP this time: the client gives up on the connection.
        var packets = await connection.ReceiveUntilClosedAsync();
        packets.OfType<DisconnectPacket>().Should().ContainSingle().Which.ReasonCode.Should().Be(MqttReasonCode.KeepAliveTimeout);
        client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task KeepAlive_ServerKeepAlive_OverridesTheRequestedInterval()
    {
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(
            Options(server.Uri) with { KeepAlive = TimeSpan.FromSeconds(600) },
            new ConnAckPacket { ServerKeepAlive = 1 });
        await using var _client = client;

        // With 600 s no PINGREQ would come during the test; the server's 1 s makes one come soon.
        await connection.ReceiveAsync<PingReqPacket>();
    }
}
