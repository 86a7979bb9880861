namespace Proxus.Drivers.S7;

/// <summary>The outcome of one address in a multi-item read: a value or the PLC's item error.</summary>
public sealed record S7ReadResult(S7Address Address, object? Value, S7Exception? Error)
{
    public bool IsSuccess => Error is null;
}
