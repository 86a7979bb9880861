using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Uplink;

public sealed partial class MqttUplink
{
    /// <summary>
    /// How the end of a session reads in the log. The server's own DISCONNECT Server shutting down
    /// (0x8B; an operator restarting it) is an announced, orderly end: one Information line, then the
    /// usual back-off. Any end while this agent is stopping is expected too (Information). Anything
    /// else (a broken transport, another reason code) is a warning with its cause chain.
    /// </summary>
    internal static void LogSessionEnded(Microsoft.Extensions.Logging.ILogger logger, Exception reason, bool stopping, long depth)
    {
        if (stopping)
        {
            LogSessionEndedWhileStopping(logger, ErrorText.Describe(reason));
        }
        else if (IsServerShutdown(reason))
        {
            LogServerShuttingDown(logger, depth);
        }
        else
        {
            LogSessionLost(logger, ErrorText.Describe(reason), depth);
        }
    }

    /// <summary>Whether the session ended with the server's DISCONNECT Server shutting down, however the client wrapped it.</summary>
    internal static bool IsServerShutdown(Exception? reason)
    {
        for (var current = reason; current is not null; current = current.InnerException)
        {
            if (current is MqttClientException { ReasonCode: MqttReasonCode.ServerShuttingDown })
            {
                return true;
            }
        }

        return false;
    }

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

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "The server is shutting down; reconnecting ({Depth} messages waiting in the queue)")]
    private static partial void LogServerShuttingDown(Microsoft.Extensions.Logging.ILogger logger, long depth);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Information, Message = "The broker connection ended while the agent is stopping: {Reason}")]
    private static partial void LogSessionEndedWhileStopping(Microsoft.Extensions.Logging.ILogger logger, string reason);
}
