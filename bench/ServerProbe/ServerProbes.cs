namespace Proxus.Bench.ServerProbe;

/// <summary>What a benchmark sets in the server's environment to load the probes of <c>StartupHook</c>.</summary>
public static class ServerProbes
{
    /// <summary>A file for the pause timeline (<see cref="PauseTimeline"/>): one line per GC pause, stall or late work item.</summary>
    public const string TimelineVariable = "PROXUS_BENCH_PROBE_OUTPUT";

    /// <summary>A file replaced ten times a second with the GC counters (<see cref="GcStatsFile"/>).</summary>
    public const string GcStatsVariable = "PROXUS_BENCH_GC_STATS";

    /// <summary>The variable the runtime reads startup hooks from.</summary>
    public const string StartupHooksVariable = "DOTNET_STARTUP_HOOKS";

    /// <summary>This assembly, as <see cref="StartupHooksVariable"/> wants it.</summary>
    public static string AssemblyPath => typeof(ServerProbes).Assembly.Location;
}
