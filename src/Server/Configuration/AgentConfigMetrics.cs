using System.Diagnostics.Metrics;

namespace Proxus.Server.Configuration;

/// <summary>
/// The <c>Proxus.Configuration</c> meter: envelopes issued (told as an <see cref="IConfigChangeNotifier"/>
/// once committed) by cause, and agent reports recorded by status.
/// </summary>
public sealed class AgentConfigMetrics : IConfigChangeNotifier
{
    public const string MeterName = "Proxus.Configuration";

    private readonly Counter<long> _issued;
    private readonly Counter<long> _reports;

    public AgentConfigMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _issued = meter.CreateCounter<long>("proxus.config.issued", "{envelope}", "Signed configuration envelopes issued to agents, by cause (first, changed, renewal).");
        _reports = meter.CreateCounter<long>("proxus.config.reports", "{report}", "Agent reports recorded about an issued version, by status (applied, rejected).");
    }

    public Task ConfigurationIssuedAsync(IssuedAgentConfig issued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issued);
        _issued.Add(1, new KeyValuePair<string, object?>("cause", issued.Cause.ToString().ToLowerInvariant()));
        return Task.CompletedTask;
    }

    internal void Reported(AgentConfigReportStatus status)
        => _reports.Add(1, new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
}
