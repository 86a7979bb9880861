namespace Proxus.Simulators.S7;

/// <summary>Misbehaviour the simulator injects into Read/Write Var jobs (the handshake stays clean); rates are probabilities per job (0..1).</summary>
public sealed record S7FaultOptions
{
    /// <summary>Delay before every reply.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Probability that an item answers with return code 0x01 (hardware fault).</summary>
    public double ItemErrorRate { get; init; }

    /// <summary>Probability that the connection is dropped instead of answering.</summary>
    public double DropRate { get; init; }

    /// <summary>Probability that random bytes are sent instead of the reply (then the connection closes).</summary>
    public double GarbageRate { get; init; }

    /// <summary>Seed for the fault dice and the random walks; null for a random seed.</summary>
    public int? Seed { get; init; }
}
