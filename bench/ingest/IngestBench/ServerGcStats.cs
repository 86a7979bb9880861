using System.Globalization;
using Proxus.Bench.ServerProbe;

namespace Proxus.Bench.Ingest;

/// <summary>The server's garbage-collector figures as <see cref="ServerProbes.GcStatsVariable"/> (bench/ServerProbe) last wrote them (about 0.1 s old at most).</summary>
public readonly record struct ServerGcStats(long AllocatedBytes, int Gen0, int Gen1, int Gen2, double PauseMs)
{
    /// <summary>Reads the file; zeros when the server has not written it yet.</summary>
    public static ServerGcStats Read(string path)
    {
        if (!File.Exists(path))
        {
            return default;
        }

        var fields = File.ReadAllText(path).Split(' ');
        var c = CultureInfo.InvariantCulture;
        return new ServerGcStats(long.Parse(fields[0], c), int.Parse(fields[1], c), int.Parse(fields[2], c), int.Parse(fields[3], c), double.Parse(fields[4], c));
    }

    public static ServerGcStats operator -(ServerGcStats after, ServerGcStats before)
        => new(after.AllocatedBytes - before.AllocatedBytes, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.PauseMs - before.PauseMs);
}
