using System.Net;
using System.Net.Http.Headers;
using Proxus.Server.Observability;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Observability;

/// <summary>GET /metrics on the server as deployed (Kestrel, HTTPS, the broker, the trust services).</summary>
public sealed class MetricsEndpointTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, withBroker: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metrics_WithScrapeToken_TextFormatWithBrokerHttpAndDatabaseSeries()
    {
        using var client = Scraper();
        (await client.GetAsync("/api/v1/pki/ca")).EnsureSuccessStatusCode();
        (await client.GetAsync("/readyz")).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be(PrometheusText.ContentType);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("# TYPE proxus_mqtt_messages_received_total counter\n")
            .And.Contain("proxus_mqtt_messages_received_total{qos=\"1\"} 0\n")
            .And.Contain("proxus_mqtt_connections 0\n")
            .And.Contain("# TYPE proxus_mqtt_authorization_denials_total counter\n")
            .And.Contain("# TYPE http_server_request_duration_seconds histogram\n")
            .And.Contain("http_route=\"/api/v1/pki/ca\"")
            .And.Contain("# TYPE proxus_database_command_duration_seconds histogram\n");
        text.Should().EndWith("\n");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-0123456789")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("Bearer")]
    [InlineData("Bearer test-scrape-token-012345678")]
    [InlineData("Bearer test-scrape-token-01234567890")]
    public async Task Metrics_MissingOrWrongToken_401WithBearerChallenge(string? authorization)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("proxus_");
    }

    [Fact]
    public async Task Metrics_Exposition_AcceptedByPromtool()
    {
        using var client = Scraper();
        (await client.GetAsync("/readyz")).EnsureSuccessStatusCode();
        var file = Path.Combine(Path.GetTempPath(), $"proxus-metrics-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, await client.GetStringAsync("/metrics"));
        try
        {
            await using var promtool = await ExternalProcess.RunAsync("/bin/sh", ["-c", $"/usr/bin/promtool check metrics < '{file}'"], TimeSpan.FromSeconds(60));

            promtool.ExitCode.Should().Be(0, promtool.StandardOutput + promtool.StandardError);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private HttpClient Scraper()
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TrustWebHost.ScrapeToken);
        return client;
    }
}
