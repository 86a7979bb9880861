namespace Proxus.Server.Monitoring;

/// <summary>An RFC 5424 message before it is framed: what varies per message (the rest comes from <see cref="SyslogOptions"/>).</summary>
/// <param name="Severity">RFC 5424 severity, 0 (Emergency) .. 7 (Debug).</param>
/// <param name="Timestamp">When the reported event happened.</param>
/// <param name="MessageId">MSGID: <c>ALERT</c>, <c>AUDIT-HEAD</c>.</param>
/// <param name="StructuredData">The SD-ELEMENTs.</param>
/// <param name="Text">MSG: free text for people.</param>
public sealed record SyslogMessage(int Severity, DateTimeOffset Timestamp, string MessageId, IReadOnlyList<SyslogStructuredElement> StructuredData, string Text);
