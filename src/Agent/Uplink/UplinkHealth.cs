namespace Proxus.Agent.Uplink;

/// <summary>The broker connection as the status report and the local status file show it.</summary>
/// <param name="Connected">Whether a session is up now.</param>
/// <param name="LastError">Why the last connection attempt failed or the last session ended (a TLS refusal names the certificate problem).</param>
/// <param name="LastErrorAt">When that happened.</param>
/// <param name="PublishedPoints">UNS messages the broker acknowledged since start.</param>
public sealed record UplinkHealth(bool Connected, string? LastError, DateTimeOffset? LastErrorAt, long PublishedPoints);
