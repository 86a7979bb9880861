using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>
/// One network connection of a client: the transport as a pipe, a read loop
/// (ReadAsync -> TryDecode -> AdvanceTo), a single writer that batches every queued packet into
/// one flush, and the keep-alive. It knows nothing of sessions: decoded packets go to the
/// dispatcher, and the first failure — from any loop — closes it for good.
/// </summary>
internal sealed partial class MqttClientConnection
{
    /// <summary>Flush at least this often while a burst is being written.</summary>
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Channel<MqttPacket> _outbound;
    private readonly SemaphoreSlim _qos0Slots;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger _logger;
    private readonly uint _maximumPacketSize;
    private readonly MqttTopicCache? _receivedTopics;

    /// <summary>Released slabs a connection keeps for reuse: 4 MB, the payloads of a window of about 20,000 UNS values.</summary>
    private const int MaximumFreePayloadSlabs = 64;
    private TopicAliasAllocator? _aliases;
    private Func<MqttClientConnection, MqttPacket, ValueTask>? _dispatch;
    private Task _readLoop = Task.CompletedTask;
    private Task _writeLoop = Task.CompletedTask;
    private Task _keepAliveLoop = Task.CompletedTask;
    private long _lastWriteTicks;
    private long _pingSentTicks;
    private int _blockedDeliveries;
    private int _closed;

    private MqttClientConnection(Stream stream, MqttClientOptions options, ILogger logger)
    {
        _stream = stream;
        _logger = logger;
        Version = options.ProtocolVersion;
        _maximumPacketSize = options.MaximumPacketSize;
        _receivedTopics = options.ReceivedTopicCacheCapacity > 0 ? new MqttTopicCache(options.ReceivedTopicCacheCapacity) : null;
        ReceivedPayloads = options.RecycleAcknowledgedPayloads ? new MqttPayloadArena(MaximumFreePayloadSlabs) : null;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
        _outbound = Channel.CreateUnbounded<MqttPacket>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
        _qos0Slots = new SemaphoreSlim(options.SendQueueCapacity, options.SendQueueCapacity);
        KeepAlive = options.KeepAlive;
    }

    public MqttProtocolVersion Version { get; }

    /// <summary>
    /// Where this connection's QoS 1/2 payloads come from (<see cref="MqttClientOptions.RecycleAcknowledgedPayloads"/>);
    /// released as their acknowledgements leave. Per connection: what an ended connection never
    /// released goes to the collector with it.
    /// </summary>
    public MqttPayloadArena? ReceivedPayloads { get; }

    public ConnAckPacket ConnAck { get; private set; } = new();

    /// <summary>The negotiated keep-alive: ours, or the server's Server Keep Alive (5.0 section 3.2.2.3.14).</summary>
    public TimeSpan KeepAlive { get; private set; }

    public int ServerReceiveMaximum => ConnAck.ReceiveMaximum ?? ushort.MaxValue;

    public MqttQualityOfService ServerMaximumQualityOfService => ConnAck.MaximumQualityOfService ?? MqttQualityOfService.ExactlyOnce;

    public bool ServerRetainAvailable => ConnAck.RetainAvailable ?? true;

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Cancelled when the connection starts closing.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Completes when the connection is closed, with why (null: we closed it on purpose).</summary>
    public Task<Exception?> Completion => _completion.Task;

    /// <summary>Opens the transport and performs CONNECT/CONNACK within the connect timeout.</summary>
    public static async Task<MqttClientConnection> OpenAsync(MqttClientOptions options, ConnectPacket connect, ILogger logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        Stream stream;
        try
        {
            stream = await MqttTransportFactory.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MqttClientException(MqttClientError.Timeout, $"Connecting to {options.Server} timed out.");
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or WebSocketException or HttpRequestException)
        {
            throw new MqttClientException(MqttClientError.TransportFailed, $"Connecting to {options.Server} failed: {ex.Message}", null, ex);
        }

        var connection = new MqttClientConnection(stream, options, logger);
        try
        {
            var connAck = await connection.HandshakeAsync(connect, timeout.Token).ConfigureAwait(false);
            if (connAck.ReasonCode >= MqttReasonCode.UnspecifiedError)
            {
                throw new MqttClientException(MqttClientError.ConnectRefused, $"The server refused the connection: {connAck.ReasonCode}. {connAck.ReasonString}", connAck.ReasonCode);
            }

            if (connect.CleanStart && connAck.SessionPresent)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "CONNACK claims a session present after a Clean Start (MQTT 5.0 section 3.2.2.1.1).");
            }

            connection.ConnAck = connAck;
            if (connAck.ServerKeepAlive is { } serverKeepAlive)
            {
                connection.KeepAlive = TimeSpan.FromSeconds(serverKeepAlive);
            }

            return connection;
        }
        catch (Exception ex)
        {
            await connection.DisposeTransportAsync().ConfigureAwait(false);
            throw ex switch
            {
                OperationCanceledException when !cancellationToken.IsCancellationRequested
                    => new MqttClientException(MqttClientError.Timeout, $"No CONNACK from {options.Server} within {options.ConnectTimeout}."),
                MqttProtocolException protocol
                    => new MqttClientException(MqttClientError.ConnectionLost, $"The server broke the protocol during CONNECT: {protocol.Message}", protocol.ReasonCode, protocol),
                IOException or SocketException
                    => new MqttClientException(MqttClientError.TransportFailed, $"The connection to {options.Server} failed during CONNECT: {ex.Message}", null, ex),
                _ => ex,
            };
        }
    }

    /// <summary>Starts the loops; packets queued before this are written first.</summary>
    public void Start(Func<MqttClientConnection, MqttPacket, ValueTask> dispatch, bool useTopicAliases)
    {
        _dispatch = dispatch;
        var aliasMaximum = ConnAck.TopicAliasMaximum ?? 0;
        _aliases = useTopicAliases && aliasMaximum > 0 && Version == MqttProtocolVersion.V500 ? new TopicAliasAllocator(aliasMaximum) : null;
        Volatile.Write(ref _lastWriteTicks, Environment.TickCount64);
        _writeLoop = WriteLoopAsync();
        _readLoop = ReadLoopAsync();
        if (KeepAlive > TimeSpan.Zero)
        {
            _keepAliveLoop = KeepAliveLoopAsync();
        }
    }

    /// <summary>Queues a packet that must never wait (acknowledgements, PINGREQ, QoS 1/2 publishes bounded by the in-flight quota).</summary>
    public bool TryEnqueue(MqttPacket packet) => IsOpen && _outbound.Writer.TryWrite(packet);

    /// <summary>Queues a QoS 0 publish, waiting while <see cref="MqttClientOptions.SendQueueCapacity"/> of them are ahead.</summary>
    public ValueTask EnqueueAtMostOnceAsync(PublishPacket packet, CancellationToken cancellationToken)
    {
        if (_qos0Slots.Wait(0, CancellationToken.None))
        {
            return TryEnqueueHoldingSlot(packet) ? ValueTask.CompletedTask : ValueTask.FromException(Lost());
        }

        return EnqueueAtMostOnceSlowAsync(packet, cancellationToken);
    }

    /// <summary>The read loop is waiting for the application to take messages (so a missing PINGRESP is not the server's fault).</summary>
    public void BeginBlockedDelivery() => Interlocked.Increment(ref _blockedDeliveries);

    public void EndBlockedDelivery() => Interlocked.Decrement(ref _blockedDeliveries);

    /// <summary>Closes because of a failure; 5.0 protocol violations are answered with DISCONNECT and their reason code.</summary>
    public void Abort(Exception reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        DisconnectPacket? disconnect = null;
        if (reason is MqttProtocolException protocol)
        {
            MqttClientLog.ProtocolViolation(_logger, protocol.ReasonCode, protocol);
            disconnect = new DisconnectPacket { ReasonCode = protocol.ReasonCode };
        }
        else if (reason is MqttClientException { ReasonCode: MqttReasonCode.KeepAliveTimeout })
        {
            disconnect = new DisconnectPacket { ReasonCode = MqttReasonCode.KeepAliveTimeout };
        }

        _ = ShutdownAsync(Version == MqttProtocolVersion.V500 ? disconnect : null, reason);
    }

    /// <summary>Closes on purpose: queued packets, then DISCONNECT, are written first.</summary>
    public Task CloseAsync(DisconnectPacket disconnect)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _ = ShutdownAsync(disconnect, null);
        }

        return Completion;
    }

    private static MqttClientException Lost() => new(MqttClientError.ConnectionLost, "The connection closed before the packet could be queued.");

    private bool TryEnqueueHoldingSlot(PublishPacket packet)
    {
        if (IsOpen && _outbound.Writer.TryWrite(packet))
        {
            return true;
        }

        _qos0Slots.Release();
        return false;
    }

    private async ValueTask EnqueueAtMostOnceSlowAsync(PublishPacket packet, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        try
        {
            await _qos0Slots.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Lost();
        }

        if (!TryEnqueueHoldingSlot(packet))
        {
            throw Lost();
        }
    }

    private async Task<ConnAckPacket> HandshakeAsync(ConnectPacket connect, CancellationToken cancellationToken)
    {
        MqttPacketEncoder.Encode(connect, Version, _writer);
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryParse(ref buffer, out var packet))
            {
                _reader.AdvanceTo(buffer.Start);
                return packet as ConnAckPacket
                    ?? throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"The server sent {packet.Type} before CONNACK.");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new IOException("The server closed the connection before CONNACK.");
            }
        }
    }

    private bool TryParse(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out MqttPacket? packet)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!MqttPacketDecoder.TryDecode(ref reader, Version, _maximumPacketSize, _receivedTopics, ReceivedPayloads, out packet))
        {
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    /// <summary>
    /// The one way a connection ends. Whatever the loops throw, this runs to the end and
    /// completes <see cref="Completion"/>: the client's supervisor waits for nothing else.
    /// </summary>
    private async Task ShutdownAsync(DisconnectPacket? disconnect, Exception? reason)
    {
        await Task.Yield();
        if (disconnect is not null && _outbound.Writer.TryWrite(disconnect))
        {
            // Queued packets, then DISCONNECT; a server that does not read gets no courtesy.
            _outbound.Writer.TryComplete();
            await CompletesWithinAsync(_writeLoop, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        _outbound.Writer.TryComplete();
        await _closing.CancelAsync().ConfigureAwait(false);

        // Every loop observes the token; a transport that ignores it is unblocked by closing it.
        var loops = Task.WhenAll(_readLoop, _writeLoop, _keepAliveLoop);
        if (!await CompletesWithinAsync(loops, TimeSpan.FromSeconds(5)).ConfigureAwait(false))
        {
            await DisposeStreamAsync().ConfigureAwait(false);
            await CompletesWithinAsync(loops, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        try
        {
            await DisposeTransportAsync().ConfigureAwait(false);
        }
        finally
        {
            _completion.TrySetResult(reason);
        }
    }

    /// <summary>Waits for a task without ever throwing: faulted, cancelled or late all just return.</summary>
    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        await task.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return task.IsCompleted;
    }

    private async Task DisposeTransportAsync()
    {
        await _reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            // Completing the writer flushes what is left; on a broken transport that fails.
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or WebSocketException or ObjectDisposedException)
        {
            // Nothing more can be sent; the transport is closed below either way.
        }

        await DisposeStreamAsync().ConfigureAwait(false);
    }

    private async Task DisposeStreamAsync()
    {
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or WebSocketException or ObjectDisposedException)
        {
            // Closing a broken transport may fail; it is closed either way.
        }
    }
}
