using System.Text;
using Proxus.Core.Status;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Tests.Support;

/// <summary>Agent status reports and their wire form, as an agent publishes them.</summary>
public static class AgentStatusSamples
{
    public static AgentStatusReport Report(Guid agentId, AgentState state, DateTimeOffset timestamp, string? reason = null) => new(
        agentId,
        state,
        timestamp,
        UptimeSeconds: 3600,
        ConfigVersion: 7,
        CertificateExpiresAt: timestamp.AddDays(30),
        BufferDepth: 12,
        BufferBytes: 2048,
        DroppedPoints: 0,
        PointsPerSecond: 250.5,
        PublishedPoints: 900_000,
        Connections: [new ConnectionHealth("press-plc", "S7", ConnectionState.Connected, 200)],
        Reason: state == AgentState.Offline ? reason ?? "connection lost" : null);

    public static byte[] Bytes(AgentStatusReport report) => AgentStatusJson.ToUtf8Bytes(report);

    public static string Topic(Guid agentId) => AgentTopics.Status(agentId);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
