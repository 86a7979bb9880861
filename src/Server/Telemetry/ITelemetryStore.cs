namespace Proxus.Server.Telemetry;

/// <summary>The history tables on one database provider.</summary>
internal interface ITelemetryStore : IAsyncDisposable
{
    /// <summary>
    /// Writes one batch atomically: all of it commits or none of it. A value already stored (same
    /// tag and source timestamp) is skipped. Returns the number of rows actually inserted.
    /// </summary>
    Task<int> WriteAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken);

    /// <summary>The values of <paramref name="tag"/> in <c>[from, to)</c> in time order, at most <paramref name="limit"/>.</summary>
    IAsyncEnumerable<HistoryPoint> ReadRawAsync(string tag, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>Buckets of <paramref name="bucket"/> aligned on <paramref name="from"/>, in time order.</summary>
    IAsyncEnumerable<HistoryBucket> ReadAggregatesAsync(string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken);

    /// <summary>The newest stored value of every tag.</summary>
    Task<IReadOnlyList<LastValue>> ReadLastValuesAsync(CancellationToken cancellationToken);

    /// <summary>Creates partitions ahead of <paramref name="now"/> and drops history older than <paramref name="retentionCutoff"/>.</summary>
    Task<MaintenanceResult> MaintainAsync(DateTimeOffset now, DateTimeOffset? retentionCutoff, CancellationToken cancellationToken);
}
