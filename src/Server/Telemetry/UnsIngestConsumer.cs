using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Telemetry;

/// <summary>
/// The UNS consumer: an ordinary MQTT 5.0 client on <c>$share/{ShareGroup}/{filter}</c> (several
/// server nodes in one group split the messages) that feeds <see cref="ITelemetryIngest"/> and
/// acknowledges each QoS 1/2 message only when the pipeline has committed it (or rejected it for
/// good). Its session is persistent: a message delivered but not acknowledged when the node stops
/// or dies is delivered again when it returns (or, by brokers that do so, to another node of the
/// group), and the unique key makes that harmless. Memory is bounded: the pipeline's queue, the
/// client's receive buffer and the broker's in-flight window (Receive Maximum); beyond them the
/// consumer stops reading and the broker queues.
/// </summary>
internal sealed partial class UnsIngestConsumer : MqttConsumerService
{
    /// <summary>After a stop is requested, how long committed messages may still be acknowledged.</summary>
    private static readonly TimeSpan AcknowledgeGrace = TimeSpan.FromSeconds(5);

    /// <summary>Topics below this are the server's own, never UNS tags (<see cref="AgentTopics"/>).</summary>
    private const string ReservedRoot = "proxus/";

    private readonly ITelemetryIngest _ingest;
    private readonly MqttConsumerOptions _options;
    private readonly ILogger<UnsIngestConsumer> _logger;

    public UnsIngestConsumer(
        ITelemetryIngest ingest,
        IOptions<MqttConsumerOptions> options,
        MqttConsumerClientFactory factory,
        ILoggerFactory loggerFactory)
        : base(factory, loggerFactory)
    {
        _ingest = ingest;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<UnsIngestConsumer>();
        Subscriptions = [.. _options.ResolveUnsFilters().Select(filter => new MqttSubscription
        {
            TopicFilter = $"$share/{_options.ShareGroup}/{filter}",
            MaximumQualityOfService = MqttQualityOfService.AtLeastOnce,
        })];
    }

    protected override string Role => "ingest";

    protected override bool PersistentSession => true;

    protected override bool ManualAcknowledgement => true;

    /// <summary>
    /// The pipeline reads a payload only while parsing it, before the message is done
    /// (<see cref="IngestMessage.Payload"/>); the acknowledgement comes after, so the client may reuse
    /// the payload's memory then: the receive window's payloads stay out of the young generation.
    /// </summary>
    protected override bool RecyclesAcknowledgedPayloads => true;

    protected override IReadOnlyList<MqttSubscription> Subscriptions { get; }

    protected override async Task ConsumeAsync(MqttClient client, CancellationToken stoppingToken)
    {
        // Submitted messages in arrival order; their acknowledgements leave in that order anyway.
        var pending = Channel.CreateBounded<(MqttApplicationMessage Message, IngestMessage Ingest)>(new BoundedChannelOptions(_options.ReceiveMaximum)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var grace = new CancellationTokenSource();
        var acknowledging = AcknowledgeAsync(client, pending.Reader, grace.Token);
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stoppingToken))
            {
                if (IsOutsideUns(message.Topic))
                {
                    // Status, command and configuration topics are not tags: nothing to store.
                    client.Acknowledge(message);
                    continue;
                }

                var ingest = new IngestMessage(message.Topic, message.Payload);
                await _ingest.SubmitAsync(ingest, stoppingToken);
                if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
                {
                    await pending.Writer.WriteAsync((message, ingest), stoppingToken);
                }
            }
        }
        finally
        {
            // Acknowledge what commits within the grace period; the rest is redelivered later.
            pending.Writer.TryComplete();
            grace.CancelAfter(AcknowledgeGrace);
            await acknowledging;
        }
    }

    private async Task AcknowledgeAsync(MqttClient client, ChannelReader<(MqttApplicationMessage Message, IngestMessage Ingest)> pending, CancellationToken grace)
    {
        try
        {
            await foreach (var (message, ingest) in pending.ReadAllAsync(grace))
            {
                await _ingest.WaitAsync(ingest, grace);
                client.Acknowledge(message);
            }
        }
        catch (OperationCanceledException)
        {
            // Abandoned by the pipeline (stopping) or out of grace: left unacknowledged for redelivery.
            LogLeftUnacknowledged(_logger);
        }
    }

    /// <summary>The server's reserved <c>proxus/</c> tree (agent status, commands, configuration notices).</summary>
    private static bool IsOutsideUns(string topic) => topic.StartsWith(ReservedRoot, StringComparison.Ordinal);

    [LoggerMessage(EventId = 8120, Level = LogLevel.Information, Message = "UNS consumer stopping: messages not committed in time are left unacknowledged for redelivery")]
    private static partial void LogLeftUnacknowledged(ILogger logger);
}
