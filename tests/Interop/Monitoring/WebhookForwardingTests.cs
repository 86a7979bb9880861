using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Interop.Tests.Monitoring.Support;
using Proxus.Server.Monitoring;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Monitoring;

/// <summary>
/// The signed webhook against a real HTTP receiver written independently in Python (http.server,
/// hmac): it verifies the signature as docs/monitoring.md describes, and can fail the first requests.
/// </summary>
public sealed class WebhookForwardingTests : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-of-at-least-32-characters";
    private readonly List<ExternalProcess> _receivers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var receiver in _receivers)
        {
            await receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task Webhook_ReceiverFailsTwice_RetriedWithBackoffThenVerifiedByReceiver()
    {
        var port = await StartReceiverAsync(Secret, failFirst: 2);
        var alert = SampleAlert.Create(AlertRules.RevokedCertificate, AlertSeverity.Critical, "certificate:0A1B");

        var requests = await ForwardAsync(port, Secret, alert, expectedRequests: 3, r => r.GetProperty("status").GetInt32() == 204);

        requests.Select(r => r.GetProperty("status").GetInt32()).Should().Equal(503, 503, 204);
        requests.Should().OnlyContain(r => r.GetProperty("verified").GetBoolean(), "every attempt is signed afresh");
        var last = requests[^1];
        last.GetProperty("delivery").GetString().Should().Be(alert.Id.ToString("D"));
        last.GetProperty("contentType").GetString().Should().StartWith("application/json");
        var body = last.GetProperty("body");
        body.GetProperty("event").GetString().Should().Be("alert.raised");
        body.GetProperty("alert").GetProperty("rule").GetString().Should().Be(AlertRules.RevokedCertificate);
        body.GetProperty("alert").GetProperty("severity").GetString().Should().Be("Critical");
        body.GetProperty("alert").GetProperty("details").GetProperty("reason").GetString().Should().Be("Revoked");
    }

    [Fact]
    public async Task Webhook_WrongSecret_ReceiverRefusesEveryAttemptForwarderGivesUp()
    {
        var port = await StartReceiverAsync("the-receiver-knows-another-secret-entirely", failFirst: 0);
        var alert = SampleAlert.Create(AlertRules.AgentOffline, AlertSeverity.High, "agent:" + Guid.NewGuid().ToString("D"));

        var requests = await ForwardAsync(port, Secret, alert, expectedRequests: 3, _ => false);

        requests.Should().HaveCount(3, "three attempts, then the forwarder gives up (the alert stays in the store)");
        requests.Should().OnlyContain(r => !r.GetProperty("verified").GetBoolean() && r.GetProperty("status").GetInt32() == 401);
    }

    private async Task<int> StartReceiverAsync(string secret, int failFirst)
    {
        var port = LoopbackPort.GetFree();
        var script = Path.Combine(AppContext.BaseDirectory, "Monitoring", "Peers", "webhook_receiver.py");
        _receivers.Add(ExternalProcess.Start(RepositoryPaths.SystemPython, [script, port.ToString(CultureInfo.InvariantCulture), secret, failFirst.ToString(CultureInfo.InvariantCulture)]));
        await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
        return port;
    }

    private async Task<List<JsonElement>> ForwardAsync(int port, string secret, Alert alert, int expectedRequests, Func<JsonElement, bool> done)
    {
        var webhook = new WebhookOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}/proxus"),
            Secret = secret,
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(1),
        };
        using var forwarder = new WebhookAlertForwarder(Options.Create(new MonitoringOptions { Webhook = webhook }), TimeProvider.System, NullLogger<WebhookAlertForwarder>.Instance);
        await forwarder.StartAsync(CancellationToken.None);
        try
        {
            forwarder.Enqueue(alert);
            var receiver = _receivers[^1];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var requests = receiver.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => JsonDocument.Parse(l).RootElement)
                    .Where(r => r.TryGetProperty("request", out _))
                    .ToList();
                if (requests.Count >= expectedRequests && (requests.Any(done) || requests.Count == expectedRequests))
                {
                    // Give a (wrong) further attempt the time to show up before the count is asserted.
                    await Task.Delay(TimeSpan.FromSeconds(1.5));
                    return [.. receiver.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.TryGetProperty("request", out _))];
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The receiver saw {requests.Count} of {expectedRequests} requests. stderr: {receiver.StandardError}");
                }

                await Task.Delay(50);
            }
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await forwarder.StopAsync(timeout.Token);
        }
    }
}
