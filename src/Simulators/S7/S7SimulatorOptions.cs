using System.Net;

namespace Proxus.Simulators.S7;

/// <summary>What the simulated PLC looks like and how it misbehaves.</summary>
public sealed record S7SimulatorOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 lets the OS choose (see <see cref="S7SimulatorServer.Port"/>).</summary>
    public int Port { get; init; } = 102;

    /// <summary>Data blocks by number with their sizes in bytes.</summary>
    public IReadOnlyDictionary<int, int> DataBlocks { get; init; } = new Dictionary<int, int> { [1] = 1024 };

    public int FlagBytes { get; init; } = 1024;

    public int InputBytes { get; init; } = 1024;

    public int OutputBytes { get; init; } = 1024;

    public int Timers { get; init; } = 256;

    public int Counters { get; init; } = 256;

    /// <summary>The largest PDU size granted in Setup Communication (S7-300: 240, S7-1500: 960).</summary>
    public int MaxPduSize { get; init; } = 960;

    public IReadOnlyList<S7Signal> Signals { get; init; } = [];

    public S7FaultOptions Faults { get; init; } = new();
}
