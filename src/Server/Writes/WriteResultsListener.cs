using Proxus.Core.Commands;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Writes;

/// <summary>
/// Consumes the agents' write results as one of the server's MQTT consumers
/// (<see cref="MqttConsumerService"/>): the server's own identity on the embedded broker (or the
/// configured external broker), a persistent session, <c>$share/proxus-writes/proxus/agents/+/results</c>
/// at QoS 1 (several server nodes split the results). Each result is acknowledged only after it is
/// recorded: a node that stops or dies between receipt and commit leaves it unacknowledged, and the
/// broker delivers it again; recording is idempotent (a redelivered result changes nothing). A
/// failure to record (database or audit log unavailable) is retried with backoff, never dropped.
/// Malformed or misaddressed results are logged and acknowledged (redelivering them cannot help).
/// The agent is the topic's, which only that agent may publish on.
/// </summary>
internal sealed partial class WriteResultsListener : MqttConsumerService
{
    public const string ShareGroup = "proxus-writes";

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly WriteRequestService _writes;
    private readonly ILogger<WriteResultsListener> _logger;

    public WriteResultsListener(WriteRequestService writes, MqttConsumerClientFactory factory, ILoggerFactory loggerFactory)
        : base(factory, loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _writes = writes;
        _logger = loggerFactory.CreateLogger<WriteResultsListener>();
    }

    protected override string Role => "writes";

    protected override bool PersistentSession => true;

    protected override bool ManualAcknowledgement => true;

    protected override IReadOnlyList<MqttSubscription> Subscriptions { get; } =
    [
        new MqttSubscription { TopicFilter = $"$share/{ShareGroup}/{AgentTopics.Root}/+/{AgentTopics.ResultsLevel}", MaximumQualityOfService = MqttQualityOfService.AtLeastOnce },
    ];

    protected override async Task ConsumeAsync(MqttClient client, CancellationToken stoppingToken)
    {
        await foreach (var message in client.Messages.ReadAllAsync(stoppingToken))
        {
            await RecordWithRetriesAsync(message.Topic, message.Payload, stoppingToken);
            if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
            {
                client.Acknowledge(message);
            }
        }
    }

    /// <summary>Records one result, retrying while the database or audit log is unavailable; returns once it is recorded or dropped as malformed.</summary>
    internal async Task RecordWithRetriesAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!await TryRecordAsync(topic, payload, cancellationToken))
        {
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    /// <summary>False when recording failed for a reason that may pass (database, audit log).</summary>
    private async Task<bool> TryRecordAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!AgentTopics.TryParseResults(topic, out var agentId))
        {
            LogMalformed(_logger, topic, "not a results topic");
            return true;
        }

        if (!WriteResultJson.TryParse(payload.Span, out var result, out var problem))
        {
            LogMalformed(_logger, topic, problem);
            return true;
        }

        try
        {
            var outcome = await _writes.RecordResultAsync(agentId, result, cancellationToken);
            LogRecorded(_logger, result.RequestId, agentId, outcome);
            return true;
        }
        catch (Exception e) when (e is Audit.AuditUnavailableException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            LogNotRecorded(_logger, e, result.RequestId);
            return false;
        }
    }

    [LoggerMessage(EventId = 9021, Level = LogLevel.Warning, Message = "Dropped a write result on {Topic}: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string topic, string problem);

    [LoggerMessage(EventId = 9022, Level = LogLevel.Information, Message = "Write result for request {RequestId} from agent {AgentId}: {Outcome}")]
    private static partial void LogRecorded(ILogger logger, Guid requestId, Guid agentId, WriteResultOutcome outcome);

    [LoggerMessage(EventId = 9023, Level = LogLevel.Error, Message = "The write result for request {RequestId} could not be recorded yet; it stays unacknowledged and is retried")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, Guid requestId);
}
