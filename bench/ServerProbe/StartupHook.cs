using System.Diagnostics.CodeAnalysis;
using Proxus.Bench.ServerProbe;

/// <summary>
/// The one startup hook of the benchmarks. A benchmark starts our server with
/// <c>DOTNET_STARTUP_HOOKS</c> naming this assembly (<see cref="ServerProbes.AssemblyPath"/>); the
/// runtime calls <see cref="Initialize"/> before the server's Main, and each probe whose environment
/// variable names an output file starts on a background thread of its own:
/// <see cref="ServerProbes.TimelineVariable"/> (<see cref="PauseTimeline"/>, bench/mqtt) and
/// <see cref="ServerProbes.GcStatsVariable"/> (<see cref="GcStatsFile"/>, bench/ingest). The server's code
/// is not changed, and the assembly uses the base class library only, so loading it into the server
/// loads nothing else of a benchmark. The type has no namespace: that is how the runtime finds a
/// startup hook.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a startup hook by the type name StartupHook without a namespace.")]
internal static class StartupHook
{
    private static int _initialized;

    public static void Initialize()
    {
        if (Interlocked.Exchange(ref _initialized, 1) != 0)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(ServerProbes.TimelineVariable) is { Length: > 0 } timeline)
        {
            PauseTimeline.Start(timeline);
        }

        if (Environment.GetEnvironmentVariable(ServerProbes.GcStatsVariable) is { Length: > 0 } gcStats)
        {
            GcStatsFile.Start(gcStats);
        }
    }
}
