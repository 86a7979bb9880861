using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Proxus.Agent.Acquisition;
using Proxus.Agent.Identity;
using Proxus.Core.Status;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Uplink;

/// <summary>
/// The agent's only way out: every UNS message is appended to the store-and-forward queue
/// (<see cref="Publish"/> never touches the network) and a drain loop publishes the queue in order
/// at QoS 1 over MQTT/TLS with the agent's certificate, the broker pinned to our CA. A record is
/// acknowledged in the queue only on its PUBACK; after a reconnect the queue rewinds to the oldest
/// unacknowledged record. Connection attempts back off exponentially with jitter, and the reason
/// of each failure (a TLS refusal of a man-in-the-middle certificate, a refused CONNECT) is kept
/// for the status. Birth, will and periodic status go straight to the status topic. Commands
/// received on the agent's command topic are handed out through <see cref="Commands"/>; their
/// results go through the queue like UNS messages, so a result survives a lost link or a restart.
/// </summary>
public sealed partial class MqttUplink : IUnsPublisher, IAsyncDisposable
{
    private readonly IUplinkQueue _queue;
    private readonly Func<AgentCredentials> _credentials;
    private readonly IStatusSource _status;
    private readonly UplinkOptions _options;
    private readonly ILogger<MqttUplink> _logger;
    private readonly ILogger<MqttClient> _clientLogger;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Channel<ReadOnlyMemory<byte>> _commands = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(CommandBacklog) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly ConnectFailureLog _connectFailures;
    private readonly string? _dataDirectory;
    private MqttClient? _client;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private long _published;
    private long _refused;
    private long _produced;

    /// <summary>An uplink draining <paramref name="queue"/>; <paramref name="dataDirectory"/> (the agent's) is named in the command to enroll again that a refused identity logs.</summary>
    public MqttUplink(IUplinkQueue queue, Func<AgentCredentials> credentials, IStatusSource status, UplinkOptions options, ILoggerFactory loggers, TimeProvider time, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _dataDirectory = dataDirectory;
        _queue = queue;
        _credentials = credentials;
        _status = status;
        _options = options;
        _logger = loggers.CreateLogger<MqttUplink>();
        _clientLogger = loggers.CreateLogger<MqttClient>();
        _time = time;
        _connectFailures = new ConnectFailureLog(_logger, time);
    }

    /// <summary>Commands received but not yet taken, at most; beyond it the uplink stops reading from the broker until one is taken.</summary>
    public const int CommandBacklog = 64;

    /// <summary>Raised when the server announces a new configuration on the agent's config topic.</summary>
    public event EventHandler? ConfigurationAnnounced;

    public UplinkHealth Health
    {
        get
        {
            lock (_gate)
            {
                return new UplinkHealth(_client?.IsConnected == true, _lastError, _lastErrorAt, Interlocked.Read(ref _published));
            }
        }
    }

    /// <summary>Messages the broker refused (a reason code of 0x80 or more), acknowledged in the queue so they do not block it.</summary>
    public long RefusedMessages => Interlocked.Read(ref _refused);

    /// <summary>UNS messages handed to the uplink since start.</summary>
    public long ProducedPoints => Interlocked.Read(ref _produced);

    /// <summary>The payloads received on <c>proxus/agents/{agentId}/command</c> (QoS 1, persistent session), in arrival order.</summary>
    public ChannelReader<ReadOnlyMemory<byte>> Commands => _commands.Reader;

    public void Publish(UnsBatch batch)
    {
        // Every poll chunk passes here: its records, already encoded and framed, go to the queue with
        // one append (one write to the operating system) instead of one per message.
        ArgumentNullException.ThrowIfNull(batch);
        _queue.Enqueue(batch.Records);
        Interlocked.Add(ref _produced, batch.Count);
    }

    /// <summary>Queues a write result for <c>proxus/agents/{agentId}/results</c> (QoS 1, not retained).</summary>
    public void PublishResult(Guid agentId, ReadOnlySpan<byte> payload)
        => _queue.Enqueue(UplinkRecord.Encode(ResultsTopic(agentId), payload, retain: false));

    /// <summary>Connects, drains and reconnects until <paramref name="cancellationToken"/> is cancelled; then says goodbye.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; !cancellationToken.IsCancellationRequested;)
        {
            var credentials = _credentials();
            var client = new MqttClient(CreateOptions(credentials), _clientLogger);
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is MqttClientException or IOException or System.Security.Authentication.AuthenticationException)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                var delay = _options.Reconnect.GetDelay(attempt++, Random.Shared);
                var refusal = _connectFailures.Failed(credentials.Enrollment.Broker, exception, delay, () => ReenrollCommand.For(credentials, _dataDirectory));
                RecordError(refusal is null ? DescribeError(exception) : $"the server refused this agent's identity ({refusal}); the certificate is probably revoked: enroll again (`proxus-agent enroll --force` with a new token)");
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                return;
            }

            attempt = 0;
            _connectFailures.Connected(credentials.Enrollment.Broker);
            await RunSessionAsync(client, credentials, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the current status report (retained, QoS 1) when connected; false when not.</summary>
    public async Task<bool> PublishStatusAsync(CancellationToken cancellationToken)
    {
        MqttClient? client;
        lock (_gate)
        {
            client = _client;
        }

        if (client is null || !client.IsConnected)
        {
            return false;
        }

        try
        {
            var report = _status.Create(AgentState.Online, null);
            await client.PublishAsync(StatusTopic(report.AgentId), AgentStatusJson.ToUtf8Bytes(report), MqttQualityOfService.AtLeastOnce, retain: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MqttClientException exception)
        {
            LogStatusFailed(_logger, exception.Message);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        MqttClient? client;
        lock (_gate)
        {
            client = _client;
            _client = null;
        }

        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static string StatusTopic(Guid agentId) => $"proxus/agents/{agentId:D}/status";

    internal static string ConfigTopic(Guid agentId) => $"proxus/agents/{agentId:D}/config";

    internal static string CommandTopic(Guid agentId) => $"proxus/agents/{agentId:D}/command";

    internal static string ResultsTopic(Guid agentId) => $"proxus/agents/{agentId:D}/results";

    private MqttClientOptions CreateOptions(AgentCredentials credentials)
    {
        var will = _status.Create(AgentState.Offline, "connection lost");
        return new MqttClientOptions
        {
            Server = credentials.Enrollment.Broker,
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = credentials.AgentId,
            CleanStart = false,
            SessionExpiryInterval = (uint)_options.SessionExpiry.TotalSeconds,
            KeepAlive = _options.KeepAlive,
            ConnectTimeout = _options.ConnectTimeout,
            MaximumInflight = (ushort)Math.Clamp(_options.MaxInflight, 1, ushort.MaxValue),
            Reconnect = _options.Reconnect with { Enabled = false },
            Will = new MqttWillMessage
            {
                Topic = StatusTopic(credentials.Enrollment.AgentId),
                Payload = AgentStatusJson.ToUtf8Bytes(will),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = true,
            },
            Tls = new MqttClientTlsOptions
            {
                TrustedCertificateAuthorities = credentials.TrustAnchors,
                ClientCertificate = credentials.Certificate,
            },
        };
    }

    private void RecordError(Exception exception) => RecordError(DescribeError(exception));

    private void RecordError(string error)
    {
        lock (_gate)
        {
            _lastError = error;
            _lastErrorAt = _time.GetUtcNow();
        }
    }

    private static string DescribeError(Exception exception) => ErrorText.Describe(exception);
}
