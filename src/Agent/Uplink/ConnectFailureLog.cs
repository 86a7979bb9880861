using Microsoft.Extensions.Logging;

namespace Proxus.Agent.Uplink;

/// <summary>
/// What the uplink logs about its failed connection attempts. An ordinary failure (the server is
/// down, a man in the middle) is logged at every attempt, which the back-off spaces out. A refusal
/// of the agent's identity (<see cref="IdentityRefusal"/>; a suspected one once it happened
/// <see cref="SuspectedRefusalsBeforeWarning"/> times in a row) cannot heal by retrying: it is logged
/// once as a warning that says so and gives the exact command to enroll again, then, while it
/// lasts, as a one-line summary every <see cref="SummaryInterval"/>; the attempts in between are
/// logged at Debug. The uplink keeps retrying with back-off throughout (the server may have
/// refused by mistake, e.g. a revocation undone by restoring a backup).
/// </summary>
internal sealed partial class ConnectFailureLog(ILogger logger, TimeProvider time)
{
    /// <summary>How often a lasting refusal is summarized.</summary>
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(15);

    /// <summary>Attempts in a row that end with the TLS connection closed before CONNACK before they count as a refusal.</summary>
    public const int SuspectedRefusalsBeforeWarning = 3;

    private long _refusals;
    private int _suspected;
    private DateTimeOffset _refusedSince;
    private DateTimeOffset _lastSummary;

    /// <summary>Logs a failed attempt; returns the refusal's reason when the server refused the agent's identity.</summary>
    public string? Failed(Uri broker, Exception exception, TimeSpan delay, Func<string> reenrollCommand)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(reenrollCommand);
        var kind = IdentityRefusal.Recognize(exception, broker, out var reason);
        _suspected = kind == IdentityRefusalKind.Suspected ? _suspected + 1 : 0;
        if (kind == IdentityRefusalKind.None || (kind == IdentityRefusalKind.Suspected && _suspected < SuspectedRefusalsBeforeWarning && _refusals == 0))
        {
            LogConnectFailed(logger, broker, ErrorText.Describe(exception), delay);
            return null;
        }

        var now = time.GetUtcNow();
        _refusals++;
        if (_refusals == 1)
        {
            _refusedSince = now;
            _lastSummary = now;
            LogIdentityRefused(logger, broker, reason, reenrollCommand());
        }
        else if (now - _lastSummary >= SummaryInterval)
        {
            _lastSummary = now;
            LogStillRefused(logger, broker, _refusals, _refusedSince, reenrollCommand());
        }
        else
        {
            LogRefusedAgain(logger, reason, delay);
        }

        return reason;
    }

    /// <summary>The connection succeeded: a refusal that was being reported has ended.</summary>
    public void Connected(Uri broker)
    {
        _suspected = 0;
        if (_refusals > 0)
        {
            LogAcceptedAgain(logger, broker, _refusals);
            _refusals = 0;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Cannot connect to {Broker}: {Error}; next attempt in {Delay}")]
    private static partial void LogConnectFailed(ILogger logger, Uri broker, string error, TimeSpan delay);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "{Broker} refused this agent's identity ({Reason}). Its certificate is probably revoked: the agent cannot send data until it is enrolled again with a new token from the portal. It keeps buffering and retrying. To enroll again, run: {Command}")]
    private static partial void LogIdentityRefused(ILogger logger, Uri broker, string reason, string command);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "{Broker} still refuses this agent's identity ({Attempts} attempts since {Since:u}); the agent is buffering. To enroll again, run: {Command}")]
    private static partial void LogStillRefused(ILogger logger, Uri broker, long attempts, DateTimeOffset since, string command);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Debug, Message = "Identity refused again ({Reason}); next attempt in {Delay}")]
    private static partial void LogRefusedAgain(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "{Broker} accepts this agent's identity again (after {Attempts} refused attempts)")]
    private static partial void LogAcceptedAgain(ILogger logger, Uri broker, long attempts);
}
