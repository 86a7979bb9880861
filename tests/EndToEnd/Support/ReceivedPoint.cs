namespace Proxus.EndToEnd.Tests.Support;

/// <summary>One UNS message as an independent subscriber received it: the tag (topic), the agent's sequence number and the source timestamp.</summary>
public readonly record struct ReceivedPoint(string Tag, long Sequence, DateTimeOffset Timestamp);
