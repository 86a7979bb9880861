using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Mqtt.Client.Internal;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client;

/// <summary>
/// An MQTT 3.1.1 / 5.0 client over TCP, TLS or WebSocket. One instance keeps one session: it
/// reconnects on its own (exponential backoff with jitter), resends unacknowledged messages when
/// the server kept the session and restores subscriptions when it did not. Thread-safe: publish,
/// subscribe and read messages from any number of threads.
/// </summary>
/// <remarks>
/// Received messages are read from <see cref="Messages"/>; a QoS 1/2 message is acknowledged
/// only when the application takes it from there (or, with
/// <see cref="MqttClientOptions.ManualAcknowledgement"/>, when it calls <see cref="Acknowledge"/>),
/// and the socket is no longer read while <see cref="MqttClientOptions.ReceiveBufferCapacity"/>
/// messages wait — back-pressure reaches the server instead of memory.
/// </remarks>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Dictionary<ushort, OutboundMessage> _outbound = [];
    private readonly Dictionary<ushort, PendingRequest> _requests = [];
    private readonly Dictionary<ushort, InboundQos2State> _inboundQos2 = [];
    private readonly Dictionary<string, SubscriptionRecord> _subscriptions = new(StringComparer.Ordinal);
    private readonly LinkedList<OutboundMessage> _backlog = new();
    private readonly Channel<InboundDelivery> _deliveries;
    private readonly AcknowledgingMessageReader _messages;
    private readonly Func<MqttClientConnection, MqttPacket, ValueTask> _dispatch;
    private MqttClientConnection? _connection;
    private CancellationTokenSource? _lifetime;
    private Task _supervisor = Task.CompletedTask;
    private ClientState _state;
    private bool _disposed;
    private string _clientId;
    private ushort _lastPacketId;
    private long _sequence;
    private long _epoch;
    private int _inflightLimit = ushort.MaxValue;
    private uint _serverMaximumPacketSize = uint.MaxValue;
    private MqttQualityOfService _serverMaximumQualityOfService = MqttQualityOfService.ExactlyOnce;
    private bool _serverRetainAvailable = true;

    public MqttClient(MqttClientOptions options, ILogger<MqttClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _clientId = options.ClientId;
        _deliveries = Channel.CreateBounded<InboundDelivery>(new BoundedChannelOptions(options.ReceiveBufferCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _messages = new AcknowledgingMessageReader(_deliveries.Reader, options.ManualAcknowledgement ? OnMessageTakenForManualAcknowledgement : OnMessageTaken);
        _dispatch = DispatchAsync;
    }

    /// <summary>Raised after every successful connection, including reconnections.</summary>
    public event EventHandler<MqttClientConnectedEventArgs>? Connected;

    /// <summary>Raised when an established connection ends.</summary>
    public event EventHandler<MqttClientDisconnectedEventArgs>? Disconnected;

    /// <summary>Received application messages; taking one acknowledges it (QoS 1/2), unless acknowledgement is manual.</summary>
    public ChannelReader<MqttApplicationMessage> Messages => _messages;

    public bool IsConnected => Volatile.Read(ref _connection)?.IsOpen == true;

    /// <summary>The configured client identifier, or the one the server assigned (5.0).</summary>
    public string ClientId
    {
        get { lock (_gate) { return _clientId; } }
    }

    public MqttClientOptions Options => _options;

    /// <summary>Connects (once; reconnection afterwards is automatic) and returns the server's CONNACK.</summary>
    public async Task<ConnAckPacket> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_state != ClientState.Idle)
            {
                throw new InvalidOperationException("The client is already connected or connecting.");
            }

            _state = ClientState.Connecting;
        }

        try
        {
            var connection = await MqttClientConnection.OpenAsync(_options, CreateConnectPacket(_options.CleanStart), _logger, cancellationToken).ConfigureAwait(false);
            var lifetime = new CancellationTokenSource();
            lock (_gate)
            {
                _lifetime = lifetime;
                _state = ClientState.Running;
            }

            Activate(connection, isReconnect: false);
            _supervisor = SuperviseAsync(connection, lifetime.Token);
            return connection.ConnAck;
        }
        catch
        {
            lock (_gate)
            {
                _state = ClientState.Idle;
            }

            throw;
        }
    }

    /// <summary>
    /// Sends DISCONNECT and stops reconnecting. Publishes still waiting for their acknowledgement
    /// fail with <see cref="MqttClientError.NotConnected"/>. The client may connect again later.
    /// </summary>
    public async Task DisconnectAsync(MqttReasonCode reasonCode = MqttReasonCode.NormalDisconnection, CancellationToken cancellationToken = default)
    {
        MqttClientConnection? connection;
        CancellationTokenSource? lifetime;
        Task supervisor;
        lock (_gate)
        {
            if (_state != ClientState.Running)
            {
                return;
            }

            _state = ClientState.Stopping;
            connection = _connection;
            lifetime = _lifetime;
            supervisor = _supervisor;
        }

        await lifetime!.CancelAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            await connection.CloseAsync(new DisconnectPacket { ReasonCode = reasonCode }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
        lifetime.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await DisconnectAsync(MqttReasonCode.NormalDisconnection, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The server did not let us say goodbye in time; the connection is closed anyway.
            }
        }

        _deliveries.Writer.TryComplete();
    }

    private ConnectPacket CreateConnectPacket(bool cleanStart) => new()
    {
        ProtocolVersion = _options.ProtocolVersion,
        ClientId = ClientId,
        CleanStart = cleanStart,
        KeepAliveSeconds = (ushort)_options.KeepAlive.TotalSeconds,
        Username = _options.Username,
        Password = _options.Password,
        Will = _options.Will,
        SessionExpiryInterval = _options.SessionExpiryInterval,
        ReceiveMaximum = _options.ReceiveMaximum,
        MaximumPacketSize = _options.MaximumPacketSize,
        UserProperties = _options.UserProperties,
    };

    private ushort AllocatePacketIdLocked()
    {
        for (var i = 0; i < ushort.MaxValue; i++)
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
            if (!_outbound.ContainsKey(_lastPacketId) && !_requests.ContainsKey(_lastPacketId))
            {
                return _lastPacketId;
            }
        }

        throw new InvalidOperationException("All 65,535 packet identifiers are in use.");
    }
}
