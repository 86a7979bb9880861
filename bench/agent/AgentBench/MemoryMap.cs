using System.Globalization;

namespace Proxus.Bench.Agent;

/// <summary>Where a process's resident set lives, from <c>/proc/{pid}/smaps</c>: anonymous memory (GC heap, stacks, native) and each mapped file.</summary>
public static class MemoryMap
{
    /// <summary>Resident kilobytes by mapping (anonymous ones summed as "[anonymous]"), largest first.</summary>
    public static IReadOnlyList<(string Mapping, long RssKiB)> Read(int processId)
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = "[anonymous]";
        foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 5 && fields[0].Contains('-', StringComparison.Ordinal) && !fields[0].EndsWith(':'))
            {
                current = fields.Length >= 6 && !fields[5].StartsWith('[') ? fields[5] : "[anonymous]";
            }
            else if (fields.Length >= 2 && fields[0] == "Rss:")
            {
                totals[current] = totals.GetValueOrDefault(current) + long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return [.. totals.Select(pair => (pair.Key, pair.Value)).OrderByDescending(pair => pair.Value)];
    }
}
