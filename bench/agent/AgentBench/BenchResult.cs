namespace Proxus.Bench.Agent;

/// <summary>What one measurement window saw.</summary>
public sealed record BenchResult(
    IReadOnlyList<ProcessSample> Samples,
    double MessagesPerSecond,
    long BadQualityMessages,
    IReadOnlyList<double> ChangeToSubscriberMs,
    IReadOnlyList<double> ReadToSubscriberMs,
    IReadOnlyList<double> EveryChangeToSubscriberMs,
    IReadOnlyList<(string Mapping, long RssKiB)> MemoryMap)
{
    /// <summary>The median resident set over the window, in bytes.</summary>
    public double SteadyRssBytes => Percentile(Samples.Select(sample => (double)sample.RssKiB * 1024).ToList(), 50);

    /// <summary>The kernel's high-water mark of the resident set (VmHWM): the whole life of the process, start-up included.</summary>
    public double PeakRssBytes => Samples[^1].PeakRssKiB * 1024.0;

    public double CpuPercent => ProcessSample.CpuPercent(Samples[0], Samples[^1]);

    public int Threads => Samples[^1].Threads;

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
