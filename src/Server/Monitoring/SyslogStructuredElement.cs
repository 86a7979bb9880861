namespace Proxus.Server.Monitoring;

/// <summary>One SD-ELEMENT of an RFC 5424 message (section 6.3): an SD-ID and its parameters.</summary>
/// <param name="Id">The SD-ID, e.g. <c>proxusAlert@32473</c>.</param>
/// <param name="Parameters">Names (1..32 printable US-ASCII, none of <c>= ] "</c> or space) and UTF-8 values.</param>
public sealed record SyslogStructuredElement(string Id, IReadOnlyList<KeyValuePair<string, string?>> Parameters);
