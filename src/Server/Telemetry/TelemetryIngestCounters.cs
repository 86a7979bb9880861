using System.Diagnostics.Metrics;

namespace Proxus.Server.Telemetry;

/// <summary>
/// What the ingest pipeline has done since start, also published as the <c>Proxus.Telemetry</c>
/// meter (<c>proxus.telemetry.*</c> counters).
/// </summary>
public sealed class TelemetryIngestCounters
{
    public const string MeterName = "Proxus.Telemetry";

    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private long _received;
    private long _stored;
    private long _duplicates;
    private long _malformed;
    private long _expired;
    private long _batches;
    private long _writeFailures;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _lag;
    private Func<int> _queueDepth = () => 0;

    public TelemetryIngestCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("proxus.telemetry.received", () => Received, "{message}", "Messages taken from the queue.");
        meter.CreateObservableCounter("proxus.telemetry.stored", () => Stored, "{message}", "Messages committed (duplicates included).");
        meter.CreateObservableCounter("proxus.telemetry.duplicates", () => Duplicates, "{message}", "Redelivered values skipped as already stored.");
        meter.CreateObservableCounter("proxus.telemetry.malformed", () => Malformed, "{message}", "Messages with an invalid topic or payload.");
        meter.CreateObservableCounter("proxus.telemetry.expired", () => Expired, "{message}", "Values older than the retention period.");
        meter.CreateObservableCounter("proxus.telemetry.batches", () => Batches, "{batch}", "Batches committed.");
        meter.CreateObservableCounter("proxus.telemetry.write_failures", () => WriteFailures, "{failure}", "Batch writes that failed and were retried.");
        meter.CreateObservableUpDownCounter("proxus.telemetry.queue_depth", () => _queueDepth(), "{message}", "Messages waiting in the ingest queue.");
        _batchDuration = meter.CreateHistogram("proxus.telemetry.batch.duration", "s", "Time to commit one batch, retries included.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _lag = meter.CreateHistogram("proxus.telemetry.lag", "s", "Per batch, seconds from the server timestamp of its oldest value (when it was parsed) to the commit.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    public long Received => Interlocked.Read(ref _received);

    public long Stored => Interlocked.Read(ref _stored);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Malformed => Interlocked.Read(ref _malformed);

    public long Expired => Interlocked.Read(ref _expired);

    public long Batches => Interlocked.Read(ref _batches);

    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    internal void AddReceived() => Interlocked.Increment(ref _received);

    internal void AddMalformed() => Interlocked.Increment(ref _malformed);

    internal void AddExpired() => Interlocked.Increment(ref _expired);

    internal void AddWriteFailure() => Interlocked.Increment(ref _writeFailures);

    internal void AddBatch(int stored, int inserted)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, stored - inserted);
    }

    /// <summary>A committed batch: how long the write took and how long its oldest value waited in all.</summary>
    internal void RecordBatchTimes(TimeSpan writeDuration, TimeSpan oldestLag)
    {
        _batchDuration.Record(writeDuration.TotalSeconds);
        _lag.Record(Math.Max(0, oldestLag.TotalSeconds));
    }

    /// <summary>Where <c>proxus.telemetry.queue_depth</c> reads the queue's length.</summary>
    internal void ObserveQueue(Func<int> depth) => _queueDepth = depth;
}
