using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>Source-generated log messages of the client (event ids 2100-2199).</summary>
internal static partial class MqttClientLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Connected to {Server} (MQTT {Version}, session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, Uri server, MqttProtocolVersion version, bool sessionPresent);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Connection to {Server} lost")]
    public static partial void ConnectionLost(ILogger logger, Uri server, Exception? reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Reconnecting to {Server} in {Delay} (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, Uri server, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} to {Server} failed")]
    public static partial void ReconnectFailed(ILogger logger, Uri server, int attempt, Exception exception);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Resending {Count} unacknowledged messages (session present: {SessionPresent})")]
    public static partial void Resending(ILogger logger, int count, bool sessionPresent);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Restoring {Count} subscriptions: the server did not keep the session")]
    public static partial void RestoringSubscriptions(ILogger logger, int count);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Restoring subscriptions failed")]
    public static partial void RestoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "Protocol violation by the server; closing the connection with {ReasonCode}")]
    public static partial void ProtocolViolation(ILogger logger, MqttReasonCode reasonCode, Exception exception);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "Connection to {Server} lost: {Reason}")]
    public static partial void ServerDisconnected(ILogger logger, Uri server, string reason);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Connection to {Server} closed: the server is shutting down with this host")]
    public static partial void ServerStoppedWithHost(ILogger logger, Uri server);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Debug, Message = "Connection to {Server} closed: the server is shutting down")]
    public static partial void ServerShuttingDown(ILogger logger, Uri server);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "No PINGRESP within {KeepAlive}; closing the connection")]
    public static partial void KeepAliveTimeout(ILogger logger, TimeSpan keepAlive);
}
