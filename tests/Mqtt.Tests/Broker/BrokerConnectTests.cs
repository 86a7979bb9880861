using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Broker.Support;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class BrokerConnectTests
{
    [Fact]
    public async Task Connect_V5_ConnAckAnnouncesLimits()
    {
        await using var broker = await TestBroker.StartAsync(o =>
        {
            o.MaximumInFlightMessages = 20;
            o.MaximumPacketSize = 4096;
            o.TopicAliasMaximum = 7;
        });
        await using var client = await broker.ConnectAsync("c1");

        var connAck = client.ConnAck!;
        connAck.SessionPresent.Should().BeFalse();
        connAck.ReceiveMaximum.Should().Be(20);
        connAck.MaximumPacketSize.Should().Be(4096);
        connAck.TopicAliasMaximum.Should().Be(7);
        connAck.RetainAvailable.Should().BeTrue();
        connAck.SharedSubscriptionAvailable.Should().BeTrue();
        connAck.ServerKeepAlive.Should().BeNull("the requested 60 s is within the maximum");
    }

    [Fact]
    public async Task Connect_V5EmptyClientId_AssignsClientIdentifier()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync(string.Empty);

        client.ConnAck!.AssignedClientIdentifier.Should().StartWith("proxus-");
    }

    [Fact]
    public async Task Connect_V311EmptyClientIdWithoutCleanSession_Refused()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = broker.Open(MqttProtocolVersion.V311);

        await client.SendAsync(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = string.Empty, CleanStart = false });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<ConnAckPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.ClientIdentifierNotValid);
    }

    [Fact]
    public async Task Connect_KeepAlive65535V5_CappedWithServerKeepAlive()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumKeepAlive = 120);
        await using var client = await broker.ConnectAsync("c1", configure: c => c with { KeepAliveSeconds = 65535 });

        client.ConnAck!.ServerKeepAlive.Should().Be(120);
    }

    [Fact]
    public async Task Connect_KeepAliveAboveMaximumV311_Refused()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumKeepAlive = 120);
        await using var client = broker.Open(MqttProtocolVersion.V311);

        await client.SendAsync(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "c1", KeepAliveSeconds = 65535 });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<ConnAckPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.ClientIdentifierNotValid);
    }

    [Fact]
    public async Task Connect_HookRejects_ConnAckWithItsReasonAndDenialReported()
    {
        var hooks = new TestBrokerHooks { Authenticate = _ => MqttAuthenticationResult.Reject(MqttReasonCode.BadUserNameOrPassword) };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var client = broker.Open();

        await client.SendAsync(new ConnectPacket { ClientId = "c1", Username = "u", Password = new byte[] { 1, 2 } });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<ConnAckPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.BadUserNameOrPassword);
        hooks.Denials.Should().ContainSingle(d => d.Kind == MqttDenialKind.Connect && d.ClientId == "c1");
        var seen = hooks.Authentications.Should().ContainSingle().Subject;
        seen.Username.Should().Be("u");
        seen.Password!.Value.ToArray().Should().Equal(1, 2);
        seen.Transport.Should().Be("memory");
    }

    [Fact]
    public async Task Connect_HookThrows_RefusedAndBrokerKeepsServing()
    {
        var hooks = new TestBrokerHooks { Authenticate = c => c.ClientId == "bad" ? throw new InvalidOperationException("boom") : MqttAuthenticationResult.Accept(c.ClientId) };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var bad = broker.Open();

        await bad.SendAsync(new ConnectPacket { ClientId = "bad" });

        (await bad.ReceiveAsync<ConnAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.UnspecifiedError);
        await using var good = await broker.ConnectAsync("good");
    }

    [Fact]
    public async Task Connect_WillDenied_ConnAckNotAuthorized()
    {
        var hooks = new TestBrokerHooks { AuthorizePublish = c => !c.IsWill };
        await using var broker = await TestBroker.StartAsync(hooks: hooks);
        await using var client = broker.Open();

        await client.SendAsync(new ConnectPacket { ClientId = "c1", Will = new MqttWillMessage { Topic = "status/c1", Payload = "gone"u8.ToArray() } });

        (await client.ReceiveAsync<ConnAckPacket>()).ReasonCode.Should().Be(MqttReasonCode.NotAuthorized);
        hooks.Denials.Should().ContainSingle(d => d.Kind == MqttDenialKind.Will && d.Topic == "status/c1");
    }

    [Fact]
    public async Task Connect_NoConnectWithinTimeout_Closed()
    {
        await using var broker = await TestBroker.StartAsync(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = broker.Open();

        await client.SendRawAsync(0x10, 0x20); // the start of a CONNECT that never completes

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().BeEmpty();
    }

    [Fact]
    public async Task Connect_StalledMidConnectWhileAuthenticationIsSlow_StalledOneClosedSlowOneAccepted()
    {
        // A loaded machine: authenticating takes three times the connect timeout. The client whose
        // CONNECT arrived is not dropped for the broker's own slowness; the one that stalled mid-CONNECT is.
        var hooks = new TestBrokerHooks { AuthenticationDelay = TimeSpan.FromMilliseconds(900) };
        await using var broker = await TestBroker.StartAsync(
            o =>
            {
                o.ConnectTimeout = TimeSpan.FromMilliseconds(300);
                o.HousekeepingInterval = TimeSpan.FromMilliseconds(50);
            },
            hooks);
        await using var stalled = broker.Open();
        await stalled.SendRawAsync(0x10, 0x20, 0x00, 0x04); // 4 of a CONNECT's 34 bytes, then nothing

        await using var slow = await broker.ConnectAsync("slow");

        slow.ConnAck!.ReasonCode.Should().Be(MqttReasonCode.Success);
        (await stalled.ReadUntilClosedAsync()).Should().BeEmpty();
        await slow.SendAsync(PingReqPacket.Instance);
        await slow.ReceiveAsync<PingRespPacket>();
    }

    [Fact]
    public async Task Connect_FirstPacketNotConnect_Closed()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = broker.Open();

        await client.SendRawAsync(0xC0, 0x00); // PINGREQ

        (await client.ReadUntilClosedAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Connect_256MegabyteAnnouncement_ClosedImmediately()
    {
        await using var broker = await TestBroker.StartAsync(o => o.ConnectTimeout = TimeSpan.FromMinutes(5));
        await using var client = broker.Open();

        await client.SendRawAsync(0x10, 0xFF, 0xFF, 0xFF, 0x7F);

        (await client.ReadUntilClosedAsync(TimeSpan.FromSeconds(10))).Should().BeEmpty();
    }

    [Fact]
    public async Task Connect_SameClientId_PreviousConnectionGetsSessionTakenOver()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var first = await broker.ConnectAsync("same");
        await using var second = await broker.ConnectAsync("same", configure: c => c with { CleanStart = false });

        var packets = await first.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.SessionTakenOver);
        second.ConnAck!.SessionPresent.Should().BeTrue();
        await second.SendAsync(PingReqPacket.Instance);
        await second.ReceiveAsync<PingRespPacket>();
    }

    [Fact]
    public async Task Connect_BeyondMaximumConnections_ClosedWhileOthersServed()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaximumConnections = 2);
        await using var a = await broker.ConnectAsync("a");
        await using var b = await broker.ConnectAsync("b");
        await using var c = broker.Open();

        (await c.ReadUntilClosedAsync()).Should().BeEmpty();
        await a.SendAsync(PingReqPacket.Instance);
        await a.ReceiveAsync<PingRespPacket>();
    }

    [Fact]
    public async Task KeepAlive_ClientSilent_ClosedWithKeepAliveTimeout()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c1", configure: c => c with { KeepAliveSeconds = 1 });

        var packets = await client.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));

        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.KeepAliveTimeout);
    }

    [Fact]
    public async Task KeepAlive_ClientPings_StaysConnected()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c1", configure: c => c with { KeepAliveSeconds = 2 });

        for (var i = 0; i < 8; i++)
        {
            await Task.Delay(500);
            await client.SendAsync(PingReqPacket.Instance);
            await client.ReceiveAsync<PingRespPacket>();
        }
    }

    [Fact]
    public async Task Connect_SecondConnect_ProtocolErrorDisconnect()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var client = await broker.ConnectAsync("c1");

        await client.SendAsync(new ConnectPacket { ClientId = "c1" });

        var packets = await client.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.ProtocolError);
    }

    [Fact]
    public async Task DisconnectIdentity_ClosesItsConnectionsWithAdministrativeAction()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var revoked = await broker.ConnectAsync("agent-1", configure: c => c with { Username = "site-a" });
        await using var other = await broker.ConnectAsync("agent-2", configure: c => c with { Username = "site-b" });

        broker.Broker.DisconnectIdentity("site-a").Should().Be(1);

        var packets = await revoked.ReadUntilClosedAsync();
        packets.Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
            .Which.ReasonCode.Should().Be(MqttReasonCode.AdministrativeAction);
        await other.SendAsync(PingReqPacket.Instance);
        await other.ReceiveAsync<PingRespPacket>();
    }

    [Fact]
    public async Task DisconnectIdentities_MatchingPredicate_ClosesOnlyThoseConnections()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var first = await broker.ConnectAsync("agent-1", configure: c => c with { Username = "serial-1/site-a" });
        await using var second = await broker.ConnectAsync("agent-2", configure: c => c with { Username = "serial-1/site-b" });
        await using var other = await broker.ConnectAsync("agent-3", configure: c => c with { Username = "serial-2/site-a" });

        var closed = broker.Broker.DisconnectIdentities(i => i is string s && s.StartsWith("serial-1/", StringComparison.Ordinal), "serial-1");

        closed.Should().Be(2);
        foreach (var revoked in new[] { first, second })
        {
            (await revoked.ReadUntilClosedAsync()).Should().ContainSingle().Which.Should().BeOfType<DisconnectPacket>()
                .Which.ReasonCode.Should().Be(MqttReasonCode.AdministrativeAction);
        }

        await other.SendAsync(PingReqPacket.Instance);
        await other.ReceiveAsync<PingRespPacket>();
    }
}
