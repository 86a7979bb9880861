using System.Globalization;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// The sockets a process holds, from <c>/proc/&lt;pid&gt;/fd</c> (socket inodes) matched against
/// <c>/proc/&lt;pid&gt;/net/{tcp,tcp6,udp,udp6}</c>.
/// </summary>
public static class ProcessSockets
{
    private const string Listen = "0A";
    private const string EstablishedState = "01";

    /// <summary>The process's TCP sockets in LISTEN and its UDP sockets (a UDP socket in the table is bound), as table lines.</summary>
    public static IReadOnlyList<string> Listening(int processId)
    {
        var inodes = SocketInodes(processId);
        var found = new List<string>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            found.AddRange(Rows(processId, table).Where(row => inodes.Contains(row.Inode) && row.State == Listen).Select(row => $"{table} {row.Line}"));
        }

        foreach (var table in new[] { "udp", "udp6" })
        {
            found.AddRange(Rows(processId, table).Where(row => inodes.Contains(row.Inode)).Select(row => $"{table} {row.Line}"));
        }

        return found;
    }

    /// <summary>How many of the process's TCP sockets are established (proves the inspection sees its sockets).</summary>
    public static int Established(int processId)
    {
        var inodes = SocketInodes(processId);
        return new[] { "tcp", "tcp6" }.Sum(table => Rows(processId, table).Count(row => inodes.Contains(row.Inode) && row.State == EstablishedState));
    }

    private static HashSet<string> SocketInodes(int processId)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var descriptor in Directory.EnumerateFiles($"/proc/{processId}/fd"))
        {
            string? target;
            try
            {
                target = new FileInfo(descriptor).LinkTarget;
            }
            catch (IOException)
            {
                continue;
            }

            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }

        return inodes;
    }

    private static IEnumerable<(string State, string Inode, string Line)> Rows(int processId, string table)
    {
        var path = $"/proc/{processId}/net/{table}";
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length > 9)
            {
                yield return (columns[3].ToUpper(CultureInfo.InvariantCulture), columns[9], line.Trim());
            }
        }
    }
}
