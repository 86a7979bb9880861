namespace Proxus.Simulators.Modbus;

public enum ModbusSignalKind
{
    /// <summary>Min + (Max - Min) * (1 + sin(2πt/period)) / 2.</summary>
    Sine,

    /// <summary>Rises linearly from Min to Max over the period, then starts again.</summary>
    Ramp,

    /// <summary>Adds Step every update, wrapping from Max back to Min.</summary>
    Counter,

    /// <summary>Adds a random step in [-Step, Step] every update, kept within [Min, Max].</summary>
    RandomWalk,

    /// <summary>
    /// The wall-clock time of the update in milliseconds since the Unix epoch (Min and Max are not
    /// used): a value that tells when it changed, for measuring change-to-subscriber latency. Needs
    /// a 64-bit type (Int64, UInt64 or Float64).
    /// </summary>
    Clock,
}
