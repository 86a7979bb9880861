using System.Globalization;

namespace Proxus.Bench.Agent;

/// <summary>
/// One reading of a process from <c>/proc/{pid}/status</c> (resident set, its peak, threads) and
/// <c>/proc/{pid}/stat</c> (user + system CPU time in clock ticks).
/// </summary>
public readonly record struct ProcessSample(DateTimeOffset At, long RssKiB, long PeakRssKiB, int Threads, long CpuTicks)
{
    /// <summary>Clock ticks per second of <c>/proc/{pid}/stat</c> (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    public static ProcessSample Read(int processId)
    {
        long rss = 0, peak = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.AsSpan("Threads:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessSample(DateTimeOffset.UtcNow, rss, peak, threads, utime + stime);
    }

    /// <summary>CPU used between two samples, in percent of one core.</summary>
    public static double CpuPercent(ProcessSample from, ProcessSample to)
        => (to.CpuTicks - from.CpuTicks) / TicksPerSecond / (to.At - from.At).TotalSeconds * 100;

    private static long Kilobytes(string line)
        => long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
}
