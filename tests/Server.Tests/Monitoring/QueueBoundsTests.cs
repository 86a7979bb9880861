using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Server.Data;
using Proxus.Server.Monitoring;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>Floods never block the raiser nor grow memory: the event and forwarding queues are bounded and count what they drop.</summary>
public sealed class QueueBoundsTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    [Fact]
    public void Raise_FloodBeyondCapacity_ReturnsAtOnceExcessCounted()
    {
        using var engine = Engine();

        // Not started: nothing drains, so everything past the capacity is dropped, and Raise never waits.
        for (var i = 0; i < AlertEngine.Capacity + 25; i++)
        {
            engine.Raise(new SecurityEvent(SecurityEventType.AuthenticationFailed, "mqtt-client:flood", "10.6.6.6"));
        }

        engine.Dropped.Should().Be(25);
    }

    [Fact]
    public void Enqueue_WebhookQueueFull_ExcessCountedNotBuffered()
    {
        var webhook = new WebhookOptions { Url = new Uri("http://127.0.0.1:9/unreachable"), Secret = new string('s', 32) };
        using var forwarder = new WebhookAlertForwarder(Options.Create(new MonitoringOptions { Webhook = webhook }), TimeProvider.System, NullLogger<WebhookAlertForwarder>.Instance);
        var alert = new Alert { Rule = AlertRules.AgentOffline, Subject = "agent:x", Summary = "s", Details = "{}" };

        for (var i = 0; i < AlertForwarder.Capacity + 3; i++)
        {
            forwarder.Enqueue(alert);
        }

        forwarder.Dropped.Should().Be(3);
    }

    [Fact]
    public void Enqueue_ForwarderDisabled_NothingQueuedOrCounted()
    {
        using var forwarder = new WebhookAlertForwarder(Options.Create(new MonitoringOptions()), TimeProvider.System, NullLogger<WebhookAlertForwarder>.Instance);

        for (var i = 0; i < AlertForwarder.Capacity + 3; i++)
        {
            forwarder.Enqueue(new Alert { Rule = AlertRules.AgentOffline, Subject = "agent:x", Summary = "s", Details = "{}" });
        }

        forwarder.Dropped.Should().Be(0);
    }

    private AlertEngine Engine()
    {
        var rules = new AlertRuleOptions();
        return new AlertEngine(
            Options.Create(new MonitoringOptions { Rules = rules }),
            fixture.Host.Get<AlertStore>(),
            fixture.Host.Get<IAgentDirectory>(),
            new StatusStoreAgentPresence(new ServiceCollection().BuildServiceProvider()),
            new CertificateExpiryRule(fixture.Host.Get<IDbContextFactory<ProxusDbContext>>(), rules),
            new PublishRateMonitor(),
            [],
            TimeProvider.System,
            NullLogger<AlertEngine>.Instance);
    }
}
