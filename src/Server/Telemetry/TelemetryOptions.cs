namespace Proxus.Server.Telemetry;

/// <summary>Ingest, retention and history-query settings (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>A batch is written when it holds this many values ...</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>... or this long after its first value arrived, whichever comes first.</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Messages waiting for a batch; when full, the consumer stops taking messages from the broker.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>A larger payload is malformed (memory in the queue is at most capacity x this).</summary>
    public int MaxPayloadBytes { get; set; } = 16 * 1024;

    /// <summary>A longer string value is malformed.</summary>
    public int MaxTextLength { get; set; } = 4_096;

    /// <summary>A source timestamp further ahead of the server clock is malformed (a broken agent clock).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Days of history kept; 0 keeps everything. Older values are dropped and not ingested.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>PostgreSQL: daily partitions created this many days ahead of today.</summary>
    public int PartitionsAhead { get; set; } = 3;

    /// <summary>How often partitions are created ahead and retention applied.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>SQLite: retention deletes at most this many rows per transaction.</summary>
    public int RetentionDeleteChunk { get; set; } = 10_000;

    /// <summary>After a failed batch write, the writer waits this long (doubling up to a minute) and retries.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tags one history request may name.</summary>
    public int MaxTagsPerQuery { get; set; } = 100;

    /// <summary>Rows one raw-history request or export returns at most.</summary>
    public int MaxRawRows { get; set; } = 1_000_000;

    /// <summary>Buckets per tag one aggregate request may ask for.</summary>
    public int MaxBuckets { get; set; } = 100_000;

    /// <summary>The retention cutoff at <paramref name="now"/>, or null when history is kept forever.</summary>
    public DateTimeOffset? RetentionCutoff(DateTimeOffset now) => RetentionDays == 0 ? null : now - TimeSpan.FromDays(RetentionDays);
}
