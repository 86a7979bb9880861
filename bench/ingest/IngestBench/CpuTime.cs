using System.Globalization;

namespace Proxus.Bench.Ingest;

/// <summary>
/// CPU seconds (user + system) a process and its descendants have used, from <c>/proc</c>: so the
/// report can say which process of the run (server, load generator, PostgreSQL) used the cores.
/// PostgreSQL's backends are children of its postmaster, hence the descendants; a backend that has
/// ended (psql's, an autovacuum worker) is in its parent's reaped-children time (cutime, cstime),
/// which is counted too.
/// </summary>
public static class CpuTime
{
    private static readonly double TicksPerSecond = 100;

    /// <summary>Seconds of CPU used so far by <paramref name="processId"/> and every descendant, live or ended and waited for; 0 off Linux.</summary>
    public static double Of(int processId)
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryRead(pid, out var parent, out var ticks))
            {
                stats[pid] = (parent, ticks);
            }
        }

        var total = 0L;
        foreach (var (pid, (_, ticks)) in stats)
        {
            if (IsDescendant(pid, processId, stats))
            {
                total += ticks;
            }
        }

        return total / TicksPerSecond;
    }

    /// <summary>Seconds of CPU used so far by the threads of <paramref name="processId"/> whose name starts with <paramref name="namePrefix"/>; 0 off Linux.</summary>
    public static double OfThreads(int processId, string namePrefix)
    {
        var tasks = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
        {
            return 0;
        }

        var total = 0L;
        foreach (var directory in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).StartsWith(namePrefix, StringComparison.Ordinal))
                {
                    total += Ticks(File.ReadAllText(Path.Combine(directory, "stat")));
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return total / TicksPerSecond;
    }

    /// <summary>Seconds of CPU used by this process's children that have ended and been waited for (psql); 0 off Linux.</summary>
    public static double OfEndedChildren()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return 0;
        }

        var fields = Fields(File.ReadAllText("/proc/self/stat"));
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Seconds of CPU used so far by the calling thread; 0 off Linux.</summary>
    public static double OfCurrentThread()
        => File.Exists("/proc/thread-self/stat") ? Ticks(File.ReadAllText("/proc/thread-self/stat")) / TicksPerSecond : 0;

    private static bool IsDescendant(int pid, int ancestor, Dictionary<int, (int Parent, long Ticks)> stats)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            if (pid == ancestor)
            {
                return true;
            }

            if (!stats.TryGetValue(pid, out var stat) || stat.Parent <= 1)
            {
                return false;
            }

            pid = stat.Parent;
        }

        return false;
    }

    /// <summary>Fields 4 (ppid) and 14-17 (utime, stime, cutime, cstime) of /proc/PID/stat; the name (field 2) may hold spaces.</summary>
    private static bool TryRead(int pid, out int parent, out long ticks)
    {
        (parent, ticks) = (0, 0);
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        var fields = Fields(text);
        parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
        ticks = Ticks(text) + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return true;
    }

    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

    private static long Ticks(string stat)
    {
        var fields = Fields(stat);
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
