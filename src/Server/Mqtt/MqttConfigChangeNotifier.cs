using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Configuration;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Tells an agent over MQTT that a new signed configuration exists: after the envelope is
/// committed, the in-process broker publishes a small JSON notification, QoS 1 and retained, on the
/// agent's own config topic (<see cref="AgentTopics.Config"/>), which only that agent may subscribe
/// to. It holds no secret and no configuration content: the agent fetches and verifies the envelope
/// over mutual TLS. Retained, so an agent that was offline learns the newest version when it
/// subscribes; it expires with the envelope.
/// </summary>
public sealed partial class MqttConfigChangeNotifier(MqttBroker broker, TimeProvider timeProvider, ILogger<MqttConfigChangeNotifier> logger) : IConfigChangeNotifier
{
    public const string ContentType = "application/json";

    public Task ConfigurationIssuedAsync(IssuedAgentConfig issued, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var expiresAt = issued.ExpiresAt;
        if (expiresAt <= timeProvider.GetUtcNow())
        {
            // Already expired: nothing the agent could apply.
            return Task.CompletedTask;
        }

        var message = new MqttRoutedMessage
        {
            Topic = AgentTopics.Config(issued.AgentId),
            Payload = Payload(issued),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = true,
            PayloadFormat = MqttPayloadFormat.Utf8,
            ContentType = ContentType,
            ExpiresAt = expiresAt,
        };
        var outcome = broker.Publish(message);
        LogPublished(logger, issued.AgentId, issued.Version, outcome);
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>{"agentId":"…","version":7,"tagMapVersion":3,"cause":"changed","expiresAt":"2026-12-21T10:00:00Z"}</c>.
    /// </summary>
    internal static byte[] Payload(IssuedAgentConfig issued)
    {
        var buffer = new ArrayBufferWriter<byte>(192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("agentId", issued.AgentId.ToString("D"));
            json.WriteNumber("version", issued.Version);
            json.WriteNumber("tagMapVersion", issued.TagMapVersion);
            json.WriteString("cause", JsonNamingPolicy.CamelCase.ConvertName(issued.Cause.ToString()));
            json.WriteString("expiresAt", issued.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Configuration version {Version} of agent {AgentId} announced on its config topic: {Outcome}")]
    private static partial void LogPublished(ILogger logger, Guid agentId, long version, MqttReasonCode outcome);
}
