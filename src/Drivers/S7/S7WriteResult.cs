namespace Proxus.Drivers.S7;

/// <summary>The outcome of one address in a multi-item write.</summary>
public sealed record S7WriteResult(S7Address Address, S7Exception? Error)
{
    public bool IsSuccess => Error is null;
}
