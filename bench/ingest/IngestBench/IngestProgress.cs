using System.Diagnostics;

namespace Proxus.Bench.Ingest;

/// <summary>
/// Follows a measured run by the server's own ingest counter (cheap, unlike a <c>COUNT(*)</c> over
/// a table of a million rows, whose PostgreSQL CPU would be charged to the pipeline and grow with
/// the table) until every value is committed, taking a sample of rows, CPU and collector figures
/// about once a second for the per-interval series. Reading every process's CPU from <c>/proc</c>
/// costs this process (the load generator's) a few milliseconds a time: that is measured on the
/// sampling thread and left out of the load generator's figure.
/// </summary>
public static class IngestProgress
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>The samples from the start (the first) to the moment the last value was seen committed (the last).</summary>
    public static async Task<List<SeriesPoint>> FollowAsync(ServerUnderTest server, int postgresProcessId, long storedBefore, long rows, Stopwatch clock, SeriesPoint start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var series = new List<SeriesPoint> { start };
        var samplingCpu = 0.0;
        while (true)
        {
            var stored = await server.StoredAsync(cancellationToken) - storedBefore;
            var elapsed = clock.Elapsed;
            if (stored >= rows || elapsed - TimeSpan.FromSeconds(series[^1].Seconds) >= SampleInterval)
            {
                var before = CpuTime.OfCurrentThread();
                var cpu = CpuUse.Measure(server.ProcessId, postgresProcessId);
                series.Add(new SeriesPoint(elapsed.TotalSeconds, stored, cpu with { LoadGenerator = cpu.LoadGenerator - samplingCpu }, server.Gc));
                samplingCpu += CpuTime.OfCurrentThread() - before;
                if (stored >= rows)
                {
                    return series;
                }
            }

            if (elapsed > timeout)
            {
                throw new TimeoutException($"{stored:N0} of {rows:N0} values committed after {timeout}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
