using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.Status;
using Proxus.Server.Data;
using Proxus.Server.Fleet.Status;

namespace Proxus.Server.Observability;

/// <summary>
/// The <c>Proxus.Agents</c> meter: the figures each agent pushes in its retained status message
/// (<see cref="IAgentStatusStore"/>), re-exposed per agent with the labels <c>site</c>, <c>agent</c>
/// and <c>agent_id</c>. Every instrument is observable and reads the store at scrape time; this
/// service only keeps the site and agent names, looked up in the fleet when an agent first reports.
/// </summary>
public sealed partial class AgentStatusMetrics : BackgroundService
{
    public const string MeterName = "Proxus.Agents";

    private static readonly ConnectionState[] States = Enum.GetValues<ConnectionState>();

    private readonly IAgentStatusStore _store;
    private readonly IDbContextFactory<ProxusDbContext> _contexts;
    private readonly ILogger<AgentStatusMetrics> _logger;
    private readonly ConcurrentDictionary<Guid, AgentLabels> _labels = new();

    public AgentStatusMetrics(IAgentStatusStore store, IDbContextFactory<ProxusDbContext> contexts, IMeterFactory meterFactory, ILogger<AgentStatusMetrics> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _store = store;
        _contexts = contexts;
        _logger = logger;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("proxus.agent.up", () => PerAgent(e => e.IsOnline ? 1 : 0), description: "1 while the agent is online (birth or periodic report), 0 after its will or shutdown report.");
        meter.CreateObservableGauge("proxus.agent.last_seen_timestamp", () => PerAgent(e => e.LastSeen.ToUnixTimeMilliseconds() / 1000.0), "s", "When the server received the agent's latest status report (Unix time).");
        meter.CreateObservableGauge("proxus.agent.uptime", () => PerAgent(e => e.Report.UptimeSeconds), "s", "Seconds since the agent process started, as last reported.");
        meter.CreateObservableGauge("proxus.agent.buffer.depth", () => PerAgent(e => e.Report.BufferDepth), "{message}", "Messages waiting in the agent's store-and-forward queue.");
        meter.CreateObservableGauge("proxus.agent.buffer.size", () => PerAgent(e => e.Report.BufferBytes), "By", "Bytes held by the agent's store-and-forward queue.");
        meter.CreateObservableGauge("proxus.agent.points_per_second", () => PerAgent(e => e.Report.PointsPerSecond), description: "UNS messages the agent produced per second over its last status interval.");
        meter.CreateObservableCounter("proxus.agent.points.dropped", () => PerAgent(e => e.Report.DroppedPoints), "{point}", "Messages the agent's queue dropped at its size bound since the agent started.");
        meter.CreateObservableCounter("proxus.agent.points.published", () => PerAgent(e => e.Report.PublishedPoints), "{point}", "UNS messages the broker acknowledged to the agent since the agent started.");
        meter.CreateObservableGauge("proxus.agent.config.version", () => PerAgent(e => e.Report.ConfigVersion), description: "The signed configuration version the agent applied (absent before its first).");
        meter.CreateObservableGauge("proxus.agent.certificate.expiry_timestamp", () => PerAgent(e => e.Report.CertificateExpiresAt?.ToUnixTimeSeconds()), "s", "When the agent's client certificate expires (Unix time).");
        meter.CreateObservableGauge("proxus.agent.connection.state", ConnectionStates, description: "1 for the state each device connection of the agent is in (connecting, connected, faulted), 0 for the others.");
        meter.CreateObservableGauge("proxus.agent.connection.points_per_second", () => PerConnection(c => c.PointsPerSecond), description: "Values read per second over the last status interval, per device connection.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResolveAsync(_store.All.Select(e => e.AgentId), stoppingToken);
            await foreach (var change in _store.WatchAsync(stoppingToken))
            {
                var agents = change.Missed ? _store.All.Select(e => e.AgentId) : [change.AgentId];
                await ResolveAsync(agents, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ResolveAsync(IEnumerable<Guid> agents, CancellationToken cancellationToken)
    {
        var unknown = agents.Where(id => !_labels.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var found = await db.Agents.AsNoTracking().Where(a => unknown.Contains(a.Id))
                .Select(a => new { a.Id, a.Name, Site = a.Site!.Name }).ToListAsync(cancellationToken);
            foreach (var agent in found)
            {
                _labels[agent.Id] = new AgentLabels(agent.Site, agent.Name, agent.Id.ToString("D"));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Until the next report: the agent's series carry its id but no site.
            LogLookupFailed(_logger, e, unknown.Count);
        }
    }

    private AgentLabels LabelsOf(Guid agentId) => _labels.TryGetValue(agentId, out var labels) ? labels : AgentLabels.Unknown(agentId);

    private List<Measurement<double>> PerAgent(Func<AgentStatusEntry, double?> read)
    {
        var measurements = new List<Measurement<double>>();
        foreach (var entry in _store.All)
        {
            if (read(entry) is { } value)
            {
                measurements.Add(new Measurement<double>(value, LabelsOf(entry.AgentId).Tags()));
            }
        }

        return measurements;
    }

    private List<Measurement<double>> PerConnection(Func<ConnectionHealth, double> read)
    {
        var measurements = new List<Measurement<double>>();
        foreach (var entry in _store.All)
        {
            var agent = LabelsOf(entry.AgentId).Tags();
            foreach (var connection in entry.Report.Connections)
            {
                measurements.Add(new Measurement<double>(read(connection), [.. agent, new("connection", connection.Id), new("protocol", connection.Protocol)]));
            }
        }

        return measurements;
    }

    private List<Measurement<int>> ConnectionStates()
    {
        var measurements = new List<Measurement<int>>();
        foreach (var entry in _store.All)
        {
            var agent = LabelsOf(entry.AgentId).Tags();
            foreach (var connection in entry.Report.Connections)
            {
                foreach (var state in States)
                {
                    KeyValuePair<string, object?>[] tags = [.. agent, new("connection", connection.Id), new("protocol", connection.Protocol), new("state", state.ToString().ToLowerInvariant())];
                    measurements.Add(new Measurement<int>(connection.State == state ? 1 : 0, tags));
                }
            }
        }

        return measurements;
    }

    [LoggerMessage(EventId = 9510, Level = LogLevel.Warning, Message = "Looking up the site and name of {Count} agents for their metrics failed; their series carry the agent id only until their next report")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, int count);
}
