using Proxus.Core.Normalization;

namespace Proxus.Agent.Acquisition;

/// <summary>What one poll returned for one tag: a raw value, or the reason there is none, and when it was taken.</summary>
/// <param name="Value">The raw device value; <see cref="TagValue.None"/> when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the tag could not be read (communication loss, an item error).</param>
/// <param name="Timestamp">The source timestamp: the device's when it gives one, else when the reply arrived.</param>
/// <param name="Uncertain">The device itself marked the value uncertain (OPC UA), with this reason.</param>
public readonly record struct RawReading(TagValue Value, string? Error, DateTimeOffset Timestamp, string? Uncertain = null)
{
    public static RawReading Bad(string error, DateTimeOffset timestamp) => new(TagValue.None, error, timestamp);
}
