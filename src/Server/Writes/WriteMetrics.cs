using System.Diagnostics.Metrics;
using Proxus.Core.Commands;

namespace Proxus.Server.Writes;

/// <summary>
/// The <c>Proxus.Writes</c> meter, the governed-write pipeline (docs/writes.md): requests created,
/// approved, rejected and closed unexecuted; commands dispatched, timed out and completed by outcome;
/// the time from request and from dispatch to the result; and the requests in flight per state, as
/// counted in the database by the dispatcher's last sweep (so every server node reports the cluster's
/// figure). Each transition is counted after its transaction committed.
/// </summary>
public sealed class WriteMetrics
{
    public const string MeterName = "Proxus.Writes";

    private static readonly WriteState[] InFlightStates = [WriteState.Requested, WriteState.Approved, WriteState.Dispatched];

    private readonly Counter<long> _created;
    private readonly Counter<long> _approved;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _closed;
    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _timedOut;
    private readonly Counter<long> _completed;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _commandDuration;
    private readonly ObservableGauge<long> _inFlight;
    private volatile IReadOnlyDictionary<WriteState, long>? _inFlightCounts;

    public WriteMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("proxus.writes.requests.created", "{request}", "Write requests created (they passed the server's checks).");
        _approved = meter.CreateCounter<long>("proxus.writes.requests.approved", "{request}", "Write requests that got all their approvals.");
        _rejected = meter.CreateCounter<long>("proxus.writes.requests.rejected", "{request}", "Write requests refused by an approver.");
        _closed = meter.CreateCounter<long>("proxus.writes.requests.closed", "{request}", "Write requests that ended before dispatch without a rejection, by reason (cancelled, expired).");
        _dispatched = meter.CreateCounter<long>("proxus.writes.commands.dispatched", "{command}", "Signed write commands published to an agent.");
        _timedOut = meter.CreateCounter<long>("proxus.writes.commands.timed_out", "{command}", "Dispatched commands with no result before they expired (a late result still completes them).");
        _completed = meter.CreateCounter<long>("proxus.writes.commands.completed", "{command}", "Results recorded for dispatched commands, by outcome (succeeded, failed, refused) and late (true when it reconciled a timed-out request).");
        _requestDuration = meter.CreateHistogram("proxus.writes.request.duration", "s", "From the request's creation to its result, approvals included, by outcome.", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 14400, 86400],
        });
        _commandDuration = meter.CreateHistogram("proxus.writes.command.duration", "s", "From the command's dispatch to its result (the agent's verification, write and read-back, and the link both ways), by outcome.", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        });
        _inFlight = meter.CreateObservableGauge("proxus.writes.in_flight", InFlight, "{request}", "Write requests not yet final, by state (requested, approved, dispatched), as of the dispatcher's last sweep.");
    }

    /// <summary>True when a listener reads the in-flight gauge: the sweep counts only then.</summary>
    internal bool InFlightObserved => _inFlight.Enabled;

    internal void Created() => _created.Add(1);

    internal void Approved() => _approved.Add(1);

    internal void Rejected() => _rejected.Add(1);

    internal void Closed(WriteState state)
        => _closed.Add(1, new KeyValuePair<string, object?>("reason", state == WriteState.Cancelled ? "cancelled" : "expired"));

    internal void Dispatched() => _dispatched.Add(1);

    internal void TimedOut() => _timedOut.Add(1);

    /// <summary>A result recorded for <paramref name="request"/> (now succeeded or failed) at <paramref name="at"/>.</summary>
    internal void Completed(WriteRequest request, WriteOutcome outcome, bool late, DateTimeOffset at)
    {
        var label = outcome switch
        {
            WriteOutcome.Succeeded => "succeeded",
            WriteOutcome.Refused => "refused",
            _ => "failed",
        };
        var outcomeTag = new KeyValuePair<string, object?>("outcome", label);
        _completed.Add(1, outcomeTag, new KeyValuePair<string, object?>("late", late ? "true" : "false"));
        _requestDuration.Record(Seconds(at - request.RequestedAt), outcomeTag);
        if (request.DispatchedAt is { } dispatchedAt)
        {
            _commandDuration.Record(Seconds(at - dispatchedAt), outcomeTag);
        }
    }

    /// <summary>The counts of requests per non-final state, from the dispatcher's sweep.</summary>
    internal void SetInFlight(IReadOnlyDictionary<WriteState, long> counts) => _inFlightCounts = counts;

    private static double Seconds(TimeSpan elapsed) => Math.Max(0, elapsed.TotalSeconds);

    private IEnumerable<Measurement<long>> InFlight()
    {
        if (_inFlightCounts is not { } counts)
        {
            return [];
        }

        return InFlightStates.Select(state => new Measurement<long>(
            counts.GetValueOrDefault(state),
            new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant())));
    }
}
