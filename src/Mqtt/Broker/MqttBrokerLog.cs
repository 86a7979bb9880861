using System.Net;
using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>Source-generated log messages of the broker (event ids 2000-2099).</summary>
internal static partial class MqttBrokerLog
{
    [LoggerMessage(2000, LogLevel.Information, "MQTT client {ClientId} connected from {RemoteEndPoint} ({ProtocolVersion} over {Transport})")]
    public static partial void ClientConnected(ILogger logger, string clientId, EndPoint? remoteEndPoint, MqttProtocolVersion protocolVersion, string transport);

    [LoggerMessage(2001, LogLevel.Information, "MQTT client {ClientId} disconnected (closed by the broker: {CloseReason})")]
    public static partial void ClientDisconnected(ILogger logger, string clientId, MqttReasonCode? closeReason);

    [LoggerMessage(2002, LogLevel.Warning, "MQTT CONNECT of {ClientId} from {RemoteEndPoint} refused: {ReasonCode}")]
    public static partial void ConnectRefused(ILogger logger, string clientId, EndPoint? remoteEndPoint, MqttReasonCode reasonCode);

    [LoggerMessage(2003, LogLevel.Warning, "MQTT client {ClientId} at {RemoteEndPoint} broke the protocol ({ReasonCode}): {Detail}")]
    public static partial void ProtocolViolation(ILogger logger, string clientId, EndPoint? remoteEndPoint, MqttReasonCode reasonCode, string detail);

    [LoggerMessage(2004, LogLevel.Debug, "MQTT transport of {ClientId} at {RemoteEndPoint} failed")]
    public static partial void TransportFailed(ILogger logger, string clientId, EndPoint? remoteEndPoint, Exception exception);

    [LoggerMessage(2005, LogLevel.Warning, "MQTT connection from {RemoteEndPoint} sent no CONNECT in time")]
    public static partial void ConnectTimeout(ILogger logger, EndPoint? remoteEndPoint);

    [LoggerMessage(2006, LogLevel.Warning, "MQTT client {ClientId} exceeded 1.5 times its keep-alive of {KeepAlive} s")]
    public static partial void KeepAliveExpired(ILogger logger, string clientId, ushort keepAlive);

    [LoggerMessage(2007, LogLevel.Error, "MQTT hook failed for client {ClientId}; treated as a denial")]
    public static partial void HookFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(2008, LogLevel.Warning, "MQTT {Kind} of {ClientId} denied ({Topic}): {ReasonCode}")]
    public static partial void Denied(ILogger logger, MqttDenialKind kind, string clientId, string? topic, MqttReasonCode reasonCode);

    [LoggerMessage(2009, LogLevel.Warning, "MQTT connection from {RemoteEndPoint} closed: {MaximumConnections} connections already served")]
    public static partial void ConnectionLimitReached(ILogger logger, EndPoint? remoteEndPoint, int maximumConnections);

    [LoggerMessage(2010, LogLevel.Error, "MQTT connection of {ClientId} failed unexpectedly")]
    public static partial void ConnectionFailed(ILogger logger, string clientId, Exception exception);

    [LoggerMessage(2011, LogLevel.Information, "MQTT session of {ClientId} taken over by a new connection")]
    public static partial void SessionTakenOver(ILogger logger, string clientId);

    [LoggerMessage(2012, LogLevel.Information, "MQTT session of {ClientId} expired")]
    public static partial void SessionExpired(ILogger logger, string clientId);

    [LoggerMessage(2013, LogLevel.Debug, "MQTT will of {ClientId} published to {Topic}")]
    public static partial void WillPublished(ILogger logger, string clientId, string topic);

    [LoggerMessage(2014, LogLevel.Warning, "MQTT retained message for {Topic} not kept: {MaximumRetainedMessages} retained messages already")]
    public static partial void RetainedLimitReached(ILogger logger, string topic, int maximumRetainedMessages);

    [LoggerMessage(2015, LogLevel.Information, "MQTT store loaded: {RetainedCount} retained messages, {SessionCount} sessions")]
    public static partial void StoreLoaded(ILogger logger, int retainedCount, int sessionCount);

    [LoggerMessage(2016, LogLevel.Warning, "MQTT sessions of identity {Identity} disconnected: {Count}")]
    public static partial void IdentityDisconnected(ILogger logger, string? identity, int count);

    [LoggerMessage(2017, LogLevel.Error, "MQTT broker housekeeping failed")]
    public static partial void HousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(2018, LogLevel.Warning, "MQTT subscriber {ClientId} acknowledged nothing for {Seconds} s: publishers no longer wait for it, and messages beyond its queue bound are dropped until it acknowledges again")]
    public static partial void SubscriberStalled(ILogger logger, string clientId, double seconds);
}
