using System.Globalization;

/// <summary>
/// Loaded into the server under test by <c>DOTNET_STARTUP_HOOKS</c> (the runtime's startup-hook
/// contract: a type named <c>StartupHook</c> outside any namespace with a static <c>Initialize</c>),
/// so the benchmark can see the server's garbage collector without any code of the product: ten
/// times a second it writes the server's allocated bytes, collection counts and total pause time
/// (<see cref="Proxus.Bench.Ingest.ServerGcStats"/>) to the file named by <c>PROXUS_BENCH_GC_STATS</c>, replacing it
/// atomically. Only base class library calls, so that loading this assembly into the server loads
/// nothing else of the benchmark.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "PROXUS_BENCH_GC_STATS";

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable(FileVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var thread = new Thread(() => Write(path)) { IsBackground = true, Name = "bench-gc-stats" };
        thread.Start();
    }

    private static void Write(string path)
    {
        var temporary = path + ".tmp";
        while (true)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{GC.GetTotalAllocatedBytes(precise: false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().TotalMilliseconds}");
            File.WriteAllText(temporary, line);
            File.Move(temporary, path, overwrite: true);
            Thread.Sleep(100);
        }
    }
}
