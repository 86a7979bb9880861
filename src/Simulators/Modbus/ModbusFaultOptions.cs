namespace Proxus.Simulators.Modbus;

/// <summary>Misbehaviour on purpose, for testing clients.</summary>
public sealed record ModbusFaultOptions
{
    /// <summary>Delay before every reply.</summary>
    public int DelayMs { get; init; }

    /// <summary>Every Nth request on a connection closes it without a reply (0: never).</summary>
    public int DropEvery { get; init; }

    /// <summary>Every Nth request on a connection is answered with random bytes (0: never).</summary>
    public int GarbageEvery { get; init; }

    /// <summary>Address ranges answered with an exception code.</summary>
    public IReadOnlyList<ModbusExceptionRange> Exceptions { get; init; } = [];

    public void Validate()
    {
        if (DelayMs < 0 || DropEvery < 0 || GarbageEvery < 0)
        {
            throw new ArgumentException("Fault settings must not be negative.");
        }

        foreach (var range in Exceptions)
        {
            range.Validate();
        }
    }
}
