using Microsoft.Extensions.Logging;

namespace Proxus.Drivers.OpcUa;

public sealed partial class OpcUaClient
{
    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "OPC UA session {SessionId} created on {Endpoint}")]
    private static partial void LogSessionCreated(ILogger logger, string sessionId, string endpoint);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "OPC UA session {SessionId} re-activated on a new secure channel")]
    private static partial void LogSessionResumed(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Information, Message = "OPC UA session {SessionId} could not be re-activated ({Status}); creating a new one")]
    private static partial void LogSessionNotResumed(ILogger logger, string sessionId, string status);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Warning, Message = "Connection to {Endpoint} lost: {Status} {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, string endpoint, string status, string reason);

    [LoggerMessage(EventId = 4124, Level = LogLevel.Information, Message = "Reconnected to {Endpoint} after {Attempts} attempt(s), session resumed: {Resumed}")]
    private static partial void LogReconnected(ILogger logger, string endpoint, int attempts, bool resumed);

    [LoggerMessage(EventId = 4125, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} to {Endpoint} failed: {Status} {Reason}; next in {Delay} ms")]
    private static partial void LogReconnectFailed(ILogger logger, string endpoint, int attempt, string status, string reason, double delay);

    [LoggerMessage(EventId = 4126, Level = LogLevel.Warning, Message = "Keep-alive failed: {Status} {Reason}")]
    private static partial void LogKeepAliveFailed(ILogger logger, string status, string reason);

    [LoggerMessage(EventId = 4127, Level = LogLevel.Debug, Message = "Closing the session failed: {Reason}")]
    private static partial void LogCloseSessionFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4128, Level = LogLevel.Warning, Message = "Abandoning the current session/channel: {Status}")]
    private static partial void LogSessionAbandoned(ILogger logger, string status);

    [LoggerMessage(EventId = 4129, Level = LogLevel.Information, Message = "Read batch of {Count} nodes was refused with BadTooManyOperations; retrying in batches of {Batch}")]
    private static partial void LogReadBatchReduced(ILogger logger, int count, int batch);
}
