using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Proxus.Core.Status;

/// <summary>Writes and strictly reads the agent status message.</summary>
public static class AgentStatusJson
{
    /// <summary>Status messages larger than this are refused before parsing.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>The most connections one report may list.</summary>
    public const int MaxConnections = 4096;

    public static byte[] ToUtf8Bytes(AgentStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.SerializeToUtf8Bytes(report, AgentStatusJsonContext.Default.AgentStatusReport);
    }

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out AgentStatusReport? report, [NotNullWhen(false)] out string? error)
    {
        report = null;
        if (json.Length > MaxPayloadBytes)
        {
            error = $"the status message is {json.Length} bytes; the limit is {MaxPayloadBytes}";
            return false;
        }

        AgentStatusReport? read;
        try
        {
            read = JsonSerializer.Deserialize(json, AgentStatusJsonContext.Default.AgentStatusReport);
        }
        catch (JsonException exception)
        {
            error = "malformed status message: " + exception.Message;
            return false;
        }

        if (read is null)
        {
            error = "the status message is null";
            return false;
        }

        error = Validate(read);
        if (error is not null)
        {
            return false;
        }

        report = read;
        return true;
    }

    private static string? Validate(AgentStatusReport report) => report switch
    {
        { Connections: null } => "the status message has no connections list",
        { Connections.Count: > MaxConnections } => $"the status message lists more than {MaxConnections} connections",
        { UptimeSeconds: < 0 } or { BufferDepth: < 0 } or { BufferBytes: < 0 } or { DroppedPoints: < 0 } or { PublishedPoints: < 0 }
            => "the status message has a negative counter",
        { PointsPerSecond: < 0 or double.NaN } => "the status message has an invalid rate",
        _ when report.Connections.Any(connection => connection is null || string.IsNullOrEmpty(connection.Id))
            => "the status message has a connection without an id",
        _ => null,
    };
}
