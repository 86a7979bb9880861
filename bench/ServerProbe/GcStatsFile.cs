using System.Globalization;

namespace Proxus.Bench.ServerProbe;

/// <summary>
/// Ten times a second, the server's allocated bytes, collection counts (generations 0, 1, 2) and total
/// GC pause time in milliseconds, on one line, written to a file that is replaced atomically (a reader
/// never sees half a line).
/// </summary>
internal static class GcStatsFile
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static void Start(string path)
        => new Thread(() => Write(path)) { IsBackground = true, Name = "bench gc stats" }.Start();

    private static void Write(string path)
    {
        var temporary = path + ".tmp";
        while (true)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{GC.GetTotalAllocatedBytes(precise: false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds}");
            File.WriteAllText(temporary, line);
            File.Move(temporary, path, overwrite: true);
            Thread.Sleep(Interval);
        }
    }
}
