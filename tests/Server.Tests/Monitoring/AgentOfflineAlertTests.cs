using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Core.Status;
using Proxus.Server.Data;
using Proxus.Server.Fleet.Status;
using Proxus.Server.Monitoring;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>
/// The agent-offline rule on real status messages: the agent status store applies the agents'
/// birth and will, the engine's condition evaluation (on a clock the test moves) raises and stores.
/// </summary>
public sealed class AgentOfflineAlertTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);

    [Fact]
    public async Task Will_OfflineLongerThanThreshold_AlertOncePerOutage()
    {
        var (engine, store) = Create();
        var agent = Guid.NewGuid();
        store.Apply(AgentStatusSamples.Topic(agent), AgentStatusJson.ToUtf8Bytes(AgentStatusSamples.Report(agent, AgentState.Online, Start)), retained: false);
        _clock.Advance(TimeSpan.FromMinutes(1));
        store.Apply(AgentStatusSamples.Topic(agent), AgentStatusJson.ToUtf8Bytes(AgentStatusSamples.Report(agent, AgentState.Offline, Start, "connection lost")), retained: false);

        _clock.Advance(TimeSpan.FromMinutes(9));
        await engine.EvaluateConditionsAsync(CancellationToken.None);
        (await AlertsAsync(agent)).Should().BeEmpty("nine minutes is within the threshold");

        _clock.Advance(TimeSpan.FromMinutes(2));
        await engine.EvaluateConditionsAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await engine.EvaluateConditionsAsync(CancellationToken.None);

        var alert = (await AlertsAsync(agent)).Should().ContainSingle().Subject;
        alert.Severity.Should().Be(AlertSeverity.High);
        alert.Count.Should().Be(1, "one outage");
        alert.FirstSeen.Should().Be(Start.AddMinutes(12));
        alert.LastSeen.Should().Be(Start.AddMinutes(13));
    }

    [Fact]
    public async Task Agents_OnlineWithPeriodicReports_Quiet()
    {
        var (engine, store) = Create();
        var agent = Guid.NewGuid();
        for (var minute = 0; minute < 30; minute++)
        {
            store.Apply(AgentStatusSamples.Topic(agent), AgentStatusJson.ToUtf8Bytes(AgentStatusSamples.Report(agent, AgentState.Online, Start.AddMinutes(minute))), retained: false);
            _clock.Advance(TimeSpan.FromMinutes(1));
            await engine.EvaluateConditionsAsync(CancellationToken.None);
        }

        (await AlertsAsync(agent)).Should().BeEmpty();
    }

    [Fact]
    public void Presence_WithoutStatusStore_Empty()
        => new StatusStoreAgentPresence(new ServiceCollection().BuildServiceProvider()).Snapshot().Should().BeEmpty();

    private (AlertEngine Engine, AgentStatusStore Store) Create()
    {
        var store = new AgentStatusStore(_clock, NullLogger<AgentStatusStore>.Instance);
        var services = new ServiceCollection().AddSingleton<IAgentStatusStore>(store).BuildServiceProvider();
        var rules = new AlertRuleOptions();
        var engine = new AlertEngine(
            Options.Create(new MonitoringOptions { Rules = rules }),
            fixture.Host.Get<AlertStore>(),
            fixture.Host.Get<IAgentDirectory>(),
            new StatusStoreAgentPresence(services),
            new CertificateExpiryRule(fixture.Host.Get<IDbContextFactory<ProxusDbContext>>(), rules),
            new PublishRateMonitor(),
            [],
            _clock,
            NullLogger<AlertEngine>.Instance);
        return (engine, store);
    }

    private async Task<List<Alert>> AlertsAsync(Guid agent)
    {
        await using var db = fixture.Host.CreateDbContext();
        return await db.Alerts.AsNoTracking().Where(a => a.Rule == AlertRules.AgentOffline && a.Subject == $"agent:{agent:D}").ToListAsync();
    }
}
