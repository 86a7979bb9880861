using System.Globalization;

namespace Proxus.EndToEnd.Tests.Demo;

/// <summary>Processes below a process, read from <c>/proc/*/stat</c> (Linux).</summary>
public static class ProcessTree
{
    /// <summary>The process ids of every live descendant of <paramref name="processId"/>.</summary>
    public static IReadOnlyList<int> Descendants(int processId)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([processId]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid == parent)
                {
                    found.Add(pid);
                    frontier.Enqueue(pid);
                }
            }
        }

        return found;
    }

    /// <summary>Whether the process exists and is not a zombie.</summary>
    public static bool IsAlive(int processId)
    {
        var stat = ReadStat(processId);
        return stat is not null && State(stat) != 'Z';
    }

    private static int? ParentOf(int processId)
    {
        var stat = ReadStat(processId);
        if (stat is null)
        {
            return null;
        }

        // pid (comm) state ppid ...: comm may contain spaces and parentheses; the last ')' ends it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    private static char State(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? ReadStat(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}
