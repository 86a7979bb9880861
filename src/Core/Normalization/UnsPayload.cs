namespace Proxus.Core.Normalization;

/// <summary>
/// The JSON message published on a tag's UNS topic (docs/uns.md):
/// <c>{"value":72.4,"unit":"degC","quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"DB40.DBD12","seq":42}</c>.
/// </summary>
/// <param name="Value">The engineering value; <see cref="TagValue.None"/> is written as null.</param>
/// <param name="Unit">The published unit; omitted when null.</param>
/// <param name="Quality">Quality, with a <c>reason</c> member when not good.</param>
/// <param name="Timestamp">Source timestamp, written in UTC with millisecond precision.</param>
/// <param name="Source">The raw device address.</param>
/// <param name="Sequence">The agent's message sequence number, so consumers can detect gaps.</param>
public readonly record struct UnsPayload(TagValue Value, string? Unit, Quality Quality, DateTimeOffset Timestamp, string Source, long Sequence);
