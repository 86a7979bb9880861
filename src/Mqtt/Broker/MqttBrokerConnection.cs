using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// One client connection over an <see cref="IDuplexPipe"/>: a read loop (ReadAsync, TryDecode,
/// AdvanceTo) that handles packets in order, and a write loop that encodes queued packets into the
/// pipe and flushes once per batch. A protocol error closes only this connection, with DISCONNECT and
/// the reason code in 5.0 (section 4.13) and a plain close in 3.1.1.
/// </summary>
internal sealed partial class MqttBrokerConnection
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Packets waiting for the write loop beyond which publishers to this connection yield to it.</summary>
    internal const int CongestionBacklog = 256;

    private readonly MqttBroker _broker;
    private readonly IDuplexPipe _transport;
    private readonly ILogger _logger;
    private readonly Channel<MqttPacket> _outbound = Channel.CreateUnbounded<MqttPacket>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _readCancellation = new();
    private readonly CancellationTokenSource _writeCancellation = new();
    private readonly long _startedAt = Environment.TickCount64;
    private long _lastPacketAt = Environment.TickCount64;
    private int _backlog;
    private int _closing;
    private volatile bool _connectReceived;
    private MqttReasonCode? _closeReason;

    public MqttBrokerConnection(MqttBroker broker, IDuplexPipe transport, MqttConnectionInfo info, ILogger logger)
    {
        _broker = broker;
        _transport = transport;
        Info = info;
        _logger = logger;
    }

    public MqttConnectionInfo Info { get; }

    /// <summary>Why the broker closed the connection; null when the client ended it.</summary>
    public MqttReasonCode? CloseReason => _closeReason;

    public MqttProtocolVersion ProtocolVersion { get; private set; }

    public string ClientId { get; private set; } = string.Empty;

    public object? Identity { get; private set; }

    public MqttSession? Session { get; private set; }

    /// <summary>CONNACK was sent: the connection is in session.</summary>
    public bool IsConnected { get; private set; }

    /// <summary>The effective keep-alive in seconds (0: none).</summary>
    public ushort KeepAlive { get; private set; }

    /// <summary>Packets queued for the write loop and not yet encoded.</summary>
    public int OutboundBacklog => Volatile.Read(ref _backlog);

    /// <summary>QoS 1/2 messages the broker may have in flight to this client (its Receive Maximum, capped).</summary>
    public int SendQuota { get; private set; } = 1;

    /// <summary>The largest packet the client accepts (its Maximum Packet Size).</summary>
    public uint ClientMaximumPacketSize { get; private set; } = MqttBrokerOptions.ProtocolMaximumPacketSize;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.UnsafeRegister(static state => ((MqttBrokerConnection)state!).Close(MqttReasonCode.ServerShuttingDown), this).ConfigureAwait(false);
        var writer = WriteLoopAsync();
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (MqttProtocolException ex)
        {
            MqttBrokerLog.ProtocolViolation(_logger, ClientId, Info.RemoteEndPoint, ex.ReasonCode, ex.Message);
            if (!IsConnected && ex.ReasonCode == MqttReasonCode.UnsupportedProtocolVersion)
            {
                // Section 3.1.2.2: answer with the 3.1.1 form (return code 1) a client of another level understands.
                Send(new ConnAckPacket { ReasonCode = MqttReasonCode.UnsupportedProtocolVersion });
            }

            Close(ex.ReasonCode);
        }
        catch (OperationCanceledException) when (_readCancellation.IsCancellationRequested)
        {
            // Closed by the broker (takeover, keep-alive, shutdown, revocation): the reason is already set.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            MqttBrokerLog.TransportFailed(_logger, ClientId, Info.RemoteEndPoint, ex);
        }
        finally
        {
            await EndAsync(writer).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checked by the broker's housekeeping: connect timeout and keep-alive (1.5 times, section 3.1.2.10).
    /// The connect timeout bounds the client (a complete CONNECT in time), not the broker's own work on
    /// it: once CONNECT is in, authentication may take what a loaded machine needs.
    /// </summary>
    public void CheckTimeouts(long now)
    {
        if (!IsConnected)
        {
            if (!_connectReceived && now - _startedAt > (long)_broker.Options.ConnectTimeout.TotalMilliseconds)
            {
                MqttBrokerLog.ConnectTimeout(_logger, Info.RemoteEndPoint);
                Close(MqttReasonCode.MaximumConnectTime);
            }

            return;
        }

        if (KeepAlive > 0 && now - Volatile.Read(ref _lastPacketAt) > KeepAlive * 1500L)
        {
            MqttBrokerLog.KeepAliveExpired(_logger, ClientId, KeepAlive);
            Close(MqttReasonCode.KeepAliveTimeout);
        }
    }

    /// <summary>Reads and handles packets until the client disconnects or the connection is closed.</summary>
    private async Task ReadLoopAsync()
    {
        var input = _transport.Input;
        var maximumPacketSize = _broker.Options.MaximumPacketSize;
        while (true)
        {
            var result = await input.ReadAsync(_readCancellation.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var decodedAny = false;
            try
            {
                if (result.IsCanceled)
                {
                    return;
                }

                while (TryDecode(ref buffer, maximumPacketSize, out var packet))
                {
                    decodedAny = true;
                    if (!await HandlePacketAsync(packet).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                if (result.IsCompleted)
                {
                    return;
                }
            }
            finally
            {
                if (decodedAny)
                {
                    Volatile.Write(ref _lastPacketAt, Environment.TickCount64);
                    _broker.Statistics.AddBytesReceived(result.Buffer.Length - buffer.Length);
                }

                // Consumed: whole packets; examined: everything, so the next read waits for more bytes.
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private bool TryDecode(ref ReadOnlySequence<byte> buffer, uint maximumPacketSize, out MqttPacket packet)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!MqttPacketDecoder.TryDecode(ref reader, ProtocolVersion, maximumPacketSize, out var decoded))
        {
            packet = null!;
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        packet = decoded;
        return true;
    }

    /// <summary>Handles one packet; false ends the read loop (DISCONNECT, or a refused CONNECT).</summary>
    private ValueTask<bool> HandlePacketAsync(MqttPacket packet)
    {
        if (!IsConnected)
        {
            if (packet is not ConnectPacket connect)
            {
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "The first packet must be CONNECT.");
            }

            _connectReceived = true;
            return HandleConnectAsync(connect);
        }

        _broker.Statistics.AddPacketReceived();
        switch (packet)
        {
            case PublishPacket publish:
                return HandlePublishAsync(publish);
            case PubAckPacket ack:
                Session!.OnPubAck(ack.PacketId);
                return ValueTask.FromResult(true);
            case PubRecPacket rec:
                Send(Session!.OnPubRec(rec.PacketId, rec.ReasonCode));
                return ValueTask.FromResult(true);
            case PubRelPacket rel:
                Send(new PubCompPacket
                {
                    PacketId = rel.PacketId,
                    ReasonCode = Session!.CompleteIncomingQoS2(rel.PacketId) ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound,
                });
                return ValueTask.FromResult(true);
            case PubCompPacket comp:
                Session!.OnPubComp(comp.PacketId);
                return ValueTask.FromResult(true);
            case SubscribePacket subscribe:
                return HandleSubscribeAsync(subscribe);
            case UnsubscribePacket unsubscribe:
                HandleUnsubscribe(unsubscribe);
                return ValueTask.FromResult(true);
            case PingReqPacket:
                Send(PingRespPacket.Instance);
                return ValueTask.FromResult(true);
            case DisconnectPacket disconnect:
                HandleDisconnect(disconnect);
                return ValueTask.FromResult(false);
            case ConnectPacket:
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, "A second CONNECT is a protocol error.");
            default:
                // AUTH (re-authentication is not offered) and server-to-client packets.
                throw new MqttProtocolException(MqttReasonCode.ProtocolError, $"{packet.Type} is not accepted from a client.");
        }
    }
}
