using System.Diagnostics.Metrics;
using System.Text.Json;
using Proxus.Core.Configuration;

namespace Proxus.Server.Configuration;

/// <summary>
/// The <c>Proxus.Configuration</c> meter, the configuration pipeline from a tag-map version to the
/// agents running it: versions published, envelopes issued by cause, notifications handed to the
/// notifiers by outcome, agent reports by status (rejections by the agent's reason), and the time
/// from issuing a version to the agent's report that it runs it. Each is recorded after its
/// transaction committed; every label has a bounded set of values.
/// </summary>
public sealed class AgentConfigMetrics
{
    public const string MeterName = "Proxus.Configuration";

    /// <summary>The reason label of a rejection whose reason names no known verification failure.</summary>
    public const string OtherReason = "other";

    private static readonly Dictionary<string, string> Reasons = Enum.GetValues<ConfigVerificationFailure>()
        .Where(f => f != ConfigVerificationFailure.None)
        .ToDictionary(f => f.ToString(), f => JsonNamingPolicy.SnakeCaseLower.ConvertName(f.ToString()), StringComparer.Ordinal);

    private readonly Counter<long> _published;
    private readonly Counter<long> _issued;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _reports;
    private readonly Histogram<double> _applyDelay;

    public AgentConfigMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("proxus.config.versions.published", "{version}", "Tag-map versions stored (imports, edits and rollbacks that changed the map).");
        _issued = meter.CreateCounter<long>("proxus.config.issued", "{envelope}", "Signed configuration envelopes issued to agents, by cause (first, changed, renewal).");
        _notifications = meter.CreateCounter<long>("proxus.config.notifications", "{notification}", "Issued envelopes announced to the agents (config topic), by outcome (sent, failed).");
        _reports = meter.CreateCounter<long>("proxus.config.reports", "{report}", "Agent reports recorded about an issued version, by status (applied, rejected) and, for rejections, the agent's reason.");
        _applyDelay = meter.CreateHistogram("proxus.config.apply.delay", "s", "From issuing a version to the agent's first report that it applied it.", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 86400],
        });
    }

    /// <summary>
    /// The reason label of a rejection: the verification failure the agent names at the start of its
    /// reason (<c>BadSignature: …</c> gives <c>bad_signature</c>), else <see cref="OtherReason"/>.
    /// </summary>
    public static string ReasonLabel(string? reason)
    {
        var failure = reason?.Split(':', 2)[0].Trim();
        return failure is not null && Reasons.TryGetValue(failure, out var label) ? label : OtherReason;
    }

    internal void VersionPublished() => _published.Add(1);

    internal void Issued(IssuedAgentConfig issued)
        => _issued.Add(1, new KeyValuePair<string, object?>("cause", issued.Cause.ToString().ToLowerInvariant()));

    internal void Notified(bool sent)
        => _notifications.Add(1, new KeyValuePair<string, object?>("outcome", sent ? "sent" : "failed"));

    internal void Reported(AgentConfigReportStatus status, string? reason)
    {
        if (status == AgentConfigReportStatus.Rejected)
        {
            _reports.Add(1, new KeyValuePair<string, object?>("status", "rejected"), new KeyValuePair<string, object?>("reason", ReasonLabel(reason)));
        }
        else
        {
            _reports.Add(1, new KeyValuePair<string, object?>("status", "applied"));
        }
    }

    /// <summary>A version applied for the first time, <paramref name="delay"/> after it was issued.</summary>
    internal void Applied(TimeSpan delay) => _applyDelay.Record(Math.Max(0, delay.TotalSeconds));
}
