using System.Net;
using Proxus.Drivers.S7.Protocol;

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

    /// <summary>Throws <see cref="ArgumentException"/> for a configuration the simulator cannot serve.</summary>
    public void Validate()
    {
        Check(Port is >= 0 and <= ushort.MaxValue, nameof(Port), "must be 0..65535");
        Check(MaxPduSize is >= 240 and <= ushort.MaxValue - S7PduCodec.FrameOverhead, nameof(MaxPduSize), "must be 240..65528");
        Check(DataBlocks.All(pair => pair.Key is >= 1 and <= ushort.MaxValue && pair.Value is >= 1 and <= 65536), nameof(DataBlocks), "need numbers 1..65535 and sizes 1..65536");
        Check(new[] { FlagBytes, InputBytes, OutputBytes }.All(size => size is >= 0 and <= 65536), nameof(FlagBytes), "M, I and Q sizes must be 0..65536");
        Check(Timers is >= 0 and <= ushort.MaxValue && Counters is >= 0 and <= ushort.MaxValue, nameof(Timers), "timer and counter counts must be 0..65535");
        var faults = new[] { Faults.ItemErrorRate, Faults.DropRate, Faults.GarbageRate };
        Check(faults.All(rate => rate is >= 0 and <= 1) && Faults.Delay >= TimeSpan.Zero, nameof(Faults), "rates must be 0..1 and the delay not negative");
    }

    private static void Check(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {message}.", name);
        }
    }
}
