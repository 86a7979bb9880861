using Microsoft.Extensions.Options;
using Proxus.Core.Commands;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Writes;

/// <summary>
/// Consumes the agents' results as an ordinary MQTT client of the broker named by
/// <see cref="WriteOptions.ResultsBroker"/>: subscribes to <c>proxus/agents/+/results</c> (QoS 1,
/// persistent session, so results published while the server is down are delivered later) and
/// records each one. The agent is the topic's, which only that agent may publish on.
/// </summary>
internal sealed partial class WriteResultsListener(WriteRequestService writes, IOptions<WriteOptions> options, ILoggerFactory loggers, ILogger<WriteResultsListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.ResultsBroker.Length == 0)
        {
            LogDisabled(logger);
            return;
        }

        var client = new MqttClient(
            new MqttClientOptions
            {
                Server = new Uri(settings.ResultsBroker),
                ClientId = settings.ResultsClientId,
                CleanStart = false,
                SessionExpiryInterval = 24 * 3600,
                MaximumPacketSize = 64 * 1024,
            },
            loggers.CreateLogger<MqttClient>());
        await using (client.ConfigureAwait(false))
        {
            try
            {
                await ConnectAsync(client, stoppingToken);
                await client.SubscribeAsync(AgentTopics.Root + "/+/" + AgentTopics.ResultsLevel, MqttQualityOfService.AtLeastOnce, stoppingToken);
                await foreach (var message in client.Messages.ReadAllAsync(stoppingToken))
                {
                    await HandleAsync(message.Topic, message.Payload, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping.
            }
        }
    }

    /// <summary>The first connection, retried until it succeeds; the client reconnects on its own afterwards.</summary>
    private async Task ConnectAsync(MqttClient client, CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await client.ConnectAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is MqttClientException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                LogConnectFailed(logger, e, options.Value.ResultsBroker, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    /// <summary>Records one result message; malformed or misaddressed ones are logged and dropped.</summary>
    internal async Task HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!AgentTopics.TryParseResults(topic, out var agentId))
        {
            LogMalformed(logger, topic, "not a results topic");
            return;
        }

        if (!WriteResultJson.TryParse(payload.Span, out var result, out var problem))
        {
            LogMalformed(logger, topic, problem);
            return;
        }

        try
        {
            var outcome = await writes.RecordResultAsync(agentId, result, cancellationToken);
            LogRecorded(logger, result.RequestId, agentId, outcome);
        }
        catch (Audit.AuditUnavailableException e)
        {
            LogNotRecorded(logger, e, result.RequestId);
        }
    }

    [LoggerMessage(EventId = 9020, Level = LogLevel.Warning, Message = "Writes:ResultsBroker is not set: agents' write results are not consumed and dispatched writes time out")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 9024, Level = LogLevel.Warning, Message = "The write results listener cannot connect to {Broker}; retrying in {Delay}")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string broker, TimeSpan delay);

    [LoggerMessage(EventId = 9021, Level = LogLevel.Warning, Message = "Dropped a write result on {Topic}: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string topic, string problem);

    [LoggerMessage(EventId = 9022, Level = LogLevel.Information, Message = "Write result for request {RequestId} from agent {AgentId}: {Outcome}")]
    private static partial void LogRecorded(ILogger logger, Guid requestId, Guid agentId, WriteResultOutcome outcome);

    [LoggerMessage(EventId = 9023, Level = LogLevel.Error, Message = "The write result for request {RequestId} could not be recorded (audit log unavailable)")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, Guid requestId);
}
