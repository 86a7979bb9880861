using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Uplink;

public sealed partial class MqttUplink
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Connected to {Broker}; {Depth} messages waiting in the queue")]
    private static partial void LogConnected(Microsoft.Extensions.Logging.ILogger logger, Uri broker, long depth);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Lost the broker connection: {Error}; {Depth} messages waiting in the queue")]
    private static partial void LogSessionLost(Microsoft.Extensions.Logging.ILogger logger, string error, long depth);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "The broker refused a message on {Topic}: {ReasonCode}")]
    private static partial void LogRefused(Microsoft.Extensions.Logging.ILogger logger, string topic, MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Queue record {Sequence} is damaged and skipped: {Error}")]
    private static partial void LogCorruptRecord(Microsoft.Extensions.Logging.ILogger logger, long sequence, string error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "The status message could not be published: {Error}")]
    private static partial void LogStatusFailed(Microsoft.Extensions.Logging.ILogger logger, string error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "The server announced a new configuration")]
    private static partial void LogConfigAnnounced(Microsoft.Extensions.Logging.ILogger logger);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Command received ({Bytes} bytes)")]
    private static partial void LogCommandReceived(Microsoft.Extensions.Logging.ILogger logger, int bytes);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "The broker refused the subscription to {Topic}: {ReasonCode}")]
    private static partial void LogSubscriptionRefused(Microsoft.Extensions.Logging.ILogger logger, string topic, MqttReasonCode reasonCode);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Subscribed to {Topic}")]
    private static partial void LogSubscribed(Microsoft.Extensions.Logging.ILogger logger, string topic);
}
