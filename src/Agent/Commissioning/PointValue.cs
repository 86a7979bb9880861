namespace Proxus.Agent.Commissioning;

/// <summary>The outcome for one address: its value, or the device's error for it.</summary>
public sealed record PointValue(string Address, object? Value, string? Error)
{
    public bool IsGood => Error is null;

    /// <summary>The device's quality when a value was returned but is not plainly good (an OPC UA Uncertain status code); null otherwise.</summary>
    public string? Status { get; init; }

    public static PointValue Good(string address, object value) => new(address, value, null);

    public static PointValue Bad(string address, string error) => new(address, null, error);
}
