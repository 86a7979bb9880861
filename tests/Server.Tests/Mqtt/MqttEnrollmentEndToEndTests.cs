using System.Text;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Mqtt;

/// <summary>
/// The whole path of an agent: enrollment over HTTPS with a CSR, then MQTT over TLS with the issued
/// certificate from mosquitto's clients — on SQLite and on a real PostgreSQL.
/// </summary>
public abstract class MqttEnrollmentEndToEndTests(TrustFixture fixture) : IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EnrollThenConnect_IssuedCertificate_ReceivesCommandAndPublishesBelowSiteAndOnStatus()
    {
        var prefix = "Acme/Site" + Guid.NewGuid().ToString("N")[..12];
        using var agent = await AgentCredentials.EnrollAsync(_server, prefix);
        var command = AgentTopics.Command(agent.Agent.Id);
        await using (var sub = Mosquitto.Sub([.. agent.Arguments(_server.MqttTlsPort), "-t", command, "-q", "1", "-C", "1", "-W", "60", "-F", "%t %p"]))
        {
            await sub.WaitForOutputAsync("Subscribed (mid: 1): 1", Mosquitto.Timeout);

            _server.Get<MqttBroker>().Publish(new MqttRoutedMessage
            {
                Topic = command,
                Payload = Encoding.UTF8.GetBytes("write-request"),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
            });

            await sub.WaitForExitAsync(Mosquitto.Timeout);
            sub.ExitCode.Should().Be(0, sub.Output());
            sub.StandardOutput.Should().Contain($"{command} write-request");
        }

        var uns = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-t", prefix + "/Press/Line1/Press_Machine/Temperature_C", "-m", "{\"value\":72.4}"]);
        var status = await Mosquitto.PubAsync([.. agent.Arguments(_server.MqttTlsPort), "-q", "1", "-r", "-t", AgentTopics.Status(agent.Agent.Id), "-m", "online"]);

        // PUBACK 16 (no matching subscribers) means authorized and routed; 135 would be Not authorized.
        uns.ExitCode.Should().Be(0, uns.Output());
        uns.Output().Should().Contain("received PUBACK (Mid: 1, RC:16)");
        status.ExitCode.Should().Be(0, status.Output());
        status.Output().Should().Contain("received PUBACK (Mid: 1, RC:16)");
    }
}

public sealed class MqttEnrollmentEndToEndSqliteTests(SqliteTrustFixture fixture) : MqttEnrollmentEndToEndTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class MqttEnrollmentEndToEndPostgreSqlTests(PostgreSqlTrustFixture fixture) : MqttEnrollmentEndToEndTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
