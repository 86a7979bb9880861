using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Proxus.Core.Status;
using Proxus.Interop.Tests.Mqtt.Client.Support;
using Proxus.Interop.Tests.Observability.Support;
using Proxus.Mqtt.Packets;
using Proxus.Server.Fleet;
using Proxus.Server.Fleet.Status;
using Proxus.Server.Mqtt;

namespace Proxus.Interop.Tests.Observability;

/// <summary>
/// Acceptance of issue #12: a real Prometheus scrapes the server through /metrics with the scrape
/// token, and its query API shows the broker series with the values of a known load, and the
/// per-agent series of an agent's status report.
/// </summary>
public sealed class PrometheusScrapeTests : IAsyncLifetime
{
    private const int Messages = 40;
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(60);

    private ObservedServer _server = null!;
    private PrometheusServer _prometheus = null!;

    public async Task InitializeAsync()
    {
        _server = await ObservedServer.StartAsync();
        _prometheus = await PrometheusServer.StartAsync(_server.HttpPort, ObservedServer.ScrapeToken);
    }

    public async Task DisposeAsync()
    {
        await _prometheus.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Prometheus_KnownQoS1Load_BrokerSeriesHoldTheExpectedValues()
    {
        await using var subscriber = await InteropClients.ConnectAsync(_server.MqttServer, "metrics-subscriber");
        await subscriber.SubscribeAsync("plant/#", MqttQualityOfService.AtLeastOnce);
        await using var publisher = await InteropClients.ConnectAsync(_server.MqttServer, "metrics-publisher");

        for (var i = 0; i < Messages; i++)
        {
            (await publisher.PublishAsync("plant/line1/temperature", Encoding.UTF8.GetBytes($"{i}"), MqttQualityOfService.AtLeastOnce))
                .Should().Be(MqttReasonCode.Success);
        }

        await publisher.PublishAsync("plant/line1/state", "on"u8.ToArray(), MqttQualityOfService.AtMostOnce, retain: true);
        (await publisher.PublishAsync("$SYS/forged", "x"u8.ToArray(), MqttQualityOfService.AtLeastOnce)).Should().Be(MqttReasonCode.NotAuthorized);
        (await subscriber.ReadAsync(Messages + 1)).Should().HaveCount(Messages + 1);

        (await _prometheus.QueryUntilAsync("up{job=\"proxus\"}", r => r is [{ Value: 1 }], QueryTimeout)).Should().ContainSingle();
        await ExpectAsync("proxus_mqtt_messages_received_total{qos=\"1\"}", Messages);
        await ExpectAsync("proxus_mqtt_messages_received_total{qos=\"0\"}", 1);
        await ExpectAsync("proxus_mqtt_messages_sent_total{qos=\"1\"}", Messages);
        await ExpectAsync("proxus_mqtt_connections", 2);
        await ExpectAsync("proxus_mqtt_sessions", 2);
        await ExpectAsync("proxus_mqtt_retained_messages", 1);
        await ExpectAsync("proxus_mqtt_authorization_denials_total{kind=\"publish\"}", 1);
        await ExpectAsync("proxus_mqtt_messages_dropped_total", 0);
        var bytes = await _prometheus.QueryUntilAsync("proxus_mqtt_received_bytes_total", r => r is [{ Value: > 0 }], QueryTimeout);
        bytes.Single().Labels.Should().Contain("job", "proxus").And.Contain("instance", $"127.0.0.1:{_server.HttpPort}");
    }

    [Fact]
    public async Task Prometheus_HttpRequests_RequestDurationHistogramByRoute()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 3; i++)
        {
            (await http.GetAsync("/api/v1/pki/ca")).EnsureSuccessStatusCode();
        }

        await ExpectAsync("sum(http_server_request_duration_seconds_count{http_route=\"/api/v1/pki/ca\",http_response_status_code=\"200\"})", 3);
        await _prometheus.QueryUntilAsync("histogram_quantile(0.5, sum by (le) (http_server_request_duration_seconds_bucket{http_route=\"/api/v1/pki/ca\"}))", r => r is [{ Value: >= 0 }], QueryTimeout);
    }

    [Fact]
    public async Task Prometheus_AgentStatus_PerAgentSeriesWithSiteAndAgentLabels()
    {
        var fleet = _server.Services.GetRequiredService<FleetService>();
        var site = await fleet.CreateSiteAsync("Plant-A", "test", CancellationToken.None);
        var agent = await fleet.CreateAgentAsync(site.Id, "press-edge", "test", CancellationToken.None);
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        var report = new AgentStatusReport(
            agent.Id, AgentState.Online, DateTimeOffset.UtcNow, 3600, 7, expires, 12, 2048, 3, 250.5, 900_000,
            [new ConnectionHealth("press-plc", "S7", ConnectionState.Connected, 200), new ConnectionHealth("utilities", "ModbusTcp", ConnectionState.Faulted, 0, "connection refused")]);

        _server.Services.GetRequiredService<AgentStatusStore>().Apply(AgentTopics.Status(agent.Id), AgentStatusJson.ToUtf8Bytes(report), retained: false).Should().BeTrue();

        const string Agent = "{site=\"Plant-A\",agent=\"press-edge\"}";
        await ExpectAsync("proxus_agent_up" + Agent, 1);
        await ExpectAsync("proxus_agent_buffer_depth" + Agent, 12);
        await ExpectAsync("proxus_agent_buffer_size_bytes" + Agent, 2048);
        await ExpectAsync("proxus_agent_points_per_second" + Agent, 250.5);
        await ExpectAsync("proxus_agent_points_dropped_total" + Agent, 3);
        await ExpectAsync("proxus_agent_config_version" + Agent, 7);
        await ExpectAsync("proxus_agent_certificate_expiry_timestamp_seconds" + Agent, expires.ToUnixTimeSeconds());
        await ExpectAsync("proxus_agent_connection_state{agent=\"press-edge\",connection=\"utilities\",state=\"faulted\"}", 1);
        await ExpectAsync("proxus_agent_connection_state{agent=\"press-edge\",connection=\"press-plc\",state=\"faulted\"}", 0);
        var series = await _prometheus.QueryUntilAsync("proxus_agent_connection_points_per_second{connection=\"press-plc\"}", r => r is [{ Value: 200 }], QueryTimeout);
        series.Single().Labels.Should().Contain("site", "Plant-A").And.Contain("agent_id", agent.Id.ToString("D")).And.Contain("protocol", "S7");
    }

    private Task ExpectAsync(string query, double expected)
        => _prometheus.QueryUntilAsync(query, r => r.Count == 1 && r[0].Value == expected, QueryTimeout);
}
