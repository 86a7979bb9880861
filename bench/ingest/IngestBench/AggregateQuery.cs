using System.Diagnostics;
using Npgsql;
using Proxus.Server.Telemetry;

namespace Proxus.Bench.Ingest;

/// <summary>One tag-day at 1 Hz (86,400 points) aggregated to 1,000 buckets by the server's own query.</summary>
public static class AggregateQuery
{
    public const string Tag = "Acme/Bench/Query/Line1/Press/Pressure_bar";
    private const int Warmup = 3;
    private const int Runs = 15;

    public static async Task<(double MedianMs, double P95Ms, int Buckets)> RunAsync(NpgsqlDataSource database, string connectionString, CancellationToken cancellationToken)
    {
        var day = LoadGenerator.Day;
        await Measurements.ExecuteAsync(database, $"""
            WITH tag AS (INSERT INTO telemetry_tags (path, created_at) VALUES ('{Tag}', now()) RETURNING id)
            INSERT INTO telemetry (tag_id, source_ts, server_ts, value_num, quality, seq)
            SELECT tag.id, timestamptz '{day:yyyy-MM-dd}T00:00:00Z' + s * interval '1 second', now(), 50 + 10 * sin(s / 600.0), 0, s
            FROM tag, generate_series(0, 86399) AS s
            """, cancellationToken);
        await Measurements.ExecuteAsync(database, "ANALYZE telemetry", cancellationToken);

        await using var store = new PostgresTelemetryStore(NpgsqlDataSource.Create(connectionString), new TelemetryOptions(), TimeProvider.System);
        var bucket = TimeSpan.FromDays(1) / 1000;
        var timings = new List<double>();
        var buckets = 0;
        for (var run = 0; run < Warmup + Runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            buckets = 0;
            await foreach (var _ in store.ReadAggregatesAsync(Tag, day, day.AddDays(1), bucket, cancellationToken))
            {
                buckets++;
            }

            if (run >= Warmup)
            {
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        return (Measurements.Median(timings), Measurements.Percentile(timings, 0.95), buckets);
    }
}
