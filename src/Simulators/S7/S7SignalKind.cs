namespace Proxus.Simulators.S7;

/// <summary>How a simulated value moves over time.</summary>
public enum S7SignalKind
{
    /// <summary>sine(min,max,periodSeconds).</summary>
    Sine,

    /// <summary>ramp(min,max,periodSeconds): a sawtooth from min to max.</summary>
    Ramp,

    /// <summary>counter(step,intervalSeconds): adds step every interval.</summary>
    Counter,

    /// <summary>walk(min,max,step): a random walk of at most step per tick, kept within min..max.</summary>
    RandomWalk,
}
