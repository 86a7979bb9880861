using Proxus.Server.Mqtt;

namespace Proxus.Server.Telemetry;

/// <summary>
/// The warning for malformed UNS messages, rate-limited: the first is logged at once, later ones at
/// most once per interval with the number left unlogged since, so that a misbehaving publisher
/// cannot flood the log. The ingest counters still count every one. Thread-safe: every submitter of
/// the pipeline reports here.
/// </summary>
internal sealed partial class MalformedMessageLog(ILogger logger, TimeProvider timeProvider, TimeSpan interval)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastLogged;
    private long _unlogged;

    public void Report(string topic, string reason)
    {
        long unlogged;
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_lastLogged is { } last && now - last < interval)
            {
                _unlogged++;
                return;
            }

            unlogged = _unlogged;
            _lastLogged = now;
            _unlogged = 0;
        }

        LogMalformed(logger, TopicText.Printable(topic), reason, unlogged);
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Warning, Message = "Malformed UNS message on '{Topic}': {Reason}; acknowledged and not stored ({Unlogged} more malformed since the last report)")]
    private static partial void LogMalformed(ILogger logger, string topic, string reason, long unlogged);
}
