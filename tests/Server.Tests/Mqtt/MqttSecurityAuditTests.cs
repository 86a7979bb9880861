using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Audit;
using Proxus.Server.Monitoring;
using Proxus.Server.Mqtt;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>The bounded queue between the TLS/denial callbacks and the audit log.</summary>
public sealed class MqttSecurityAuditTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    [Fact]
    public async Task Flood_BeyondCapacity_ExcessCountedAndAuditedNotBuffered()
    {
        using var audit = new MqttSecurityAudit(fixture.Host.Get<AuditLog>(), fixture.Host.Get<ISecurityEventSink>(), NullLogger<MqttSecurityAudit>.Instance);
        var remote = new IPEndPoint(IPAddress.Loopback, 40_000);
        var flood = "flood-" + Guid.NewGuid().ToString("N");

        // Not started yet: nothing drains, so everything past the capacity is dropped.
        for (var i = 0; i < MqttSecurityAudit.Capacity + 7; i++)
        {
            audit.AclDenied(new MqttDenial { Kind = MqttDenialKind.Publish, ClientId = flood, Topic = $"{flood}/{i}", ReasonCode = MqttReasonCode.NotAuthorized, RemoteEndPoint = remote });
        }

        await audit.StartAsync(CancellationToken.None);
        try
        {
            var dropped = await AuditProbe.WaitForAsync(fixture.Host.CreateDbContext, AuditEventTypes.MqttAuditDropped, e => e.Data.Contains("\"count\":\"7\""));
            var first = await AuditProbe.WaitForAsync(fixture.Host.CreateDbContext, AuditEventTypes.MqttAclDenied, e => e.Subject == $"topic:{flood}/0");

            dropped.Sequence.Should().BeLessThan(first.Sequence, "the gap is recorded before the queue drains");
            first.Actor.Should().Be("unknown@127.0.0.1");
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await audit.StopAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task AclDenied_UnidentifiedClientOverDualStackSocket_ActorAndAlertSourceNameIPv4Address()
    {
        var sink = new RecordingSecurityEventSink();
        using var audit = new MqttSecurityAudit(fixture.Host.Get<AuditLog>(), sink, NullLogger<MqttSecurityAudit>.Instance);
        var topic = "dual/" + Guid.NewGuid().ToString("N");
        await audit.StartAsync(CancellationToken.None);
        try
        {
            audit.AclDenied(new MqttDenial { Kind = MqttDenialKind.Publish, ClientId = "c", Topic = topic, ReasonCode = MqttReasonCode.NotAuthorized, RemoteEndPoint = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 40_001) });

            var entry = await AuditProbe.WaitForAsync(fixture.Host.CreateDbContext, AuditEventTypes.MqttAclDenied, e => e.Subject == $"topic:{topic}");
            entry.Actor.Should().Be("unknown@127.0.0.1");
            entry.Data.Should().Contain("\"remote\":\"127.0.0.1:40001\"").And.NotContain("::ffff");
            var alert = sink.Events.Should().ContainSingle().Subject;
            alert.Subject.Should().Be("unknown@127.0.0.1");
            alert.Source.Should().Be("127.0.0.1");
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await audit.StopAsync(timeout.Token);
        }
    }
}
