using System.Text;
using Proxus.Interop.Tests.Mqtt.Client.Support;
using Proxus.Interop.Tests.Observability.Support;
using Proxus.Mqtt.Packets;

namespace Proxus.Interop.Tests.Observability;

/// <summary>
/// Acceptance of issue #12: a real Prometheus scrapes the server through /metrics with the scrape
/// token, and its query API shows the broker series with the values of a known load.
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

    private Task ExpectAsync(string query, double expected)
        => _prometheus.QueryUntilAsync(query, r => r.Count == 1 && r[0].Value == expected, QueryTimeout);
}
