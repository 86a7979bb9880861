using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Bench.Ingest;

/// <summary>
/// One agent-like MQTT 5.0 connection that publishes QoS 1 messages encoded before the clock starts,
/// as our client would put them on the wire (topic aliases up to the broker's Topic Alias Maximum,
/// assigned in order of first use and never reassigned), keeping at most the broker's Receive
/// Maximum unacknowledged and checking every PUBACK's reason code. It does on the wire what
/// <c>MqttClient.PublishAsync</c> does, without the per-message objects, tasks and encoding: the
/// load generator shares the two cores with the pipeline it measures, so it should cost little.
/// </summary>
public sealed class RawPublisher : IAsyncDisposable
{
    /// <summary>Pre-encoded packets go to the socket in writes of at most this many bytes.</summary>
    private const int MaxWriteBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly int _window;
    private readonly ushort _aliasMaximum;
    private readonly Dictionary<string, ushort> _aliases = new(StringComparer.Ordinal);
    private ushort _lastPacketId;

    private RawPublisher(Socket socket, int window, ushort aliasMaximum)
    {
        _socket = socket;
        _window = window;
        _aliasMaximum = aliasMaximum;
    }

    /// <summary>Opens the connection and waits for a successful CONNACK (clean start, no session kept).</summary>
    public static async Task<RawPublisher> ConnectAsync(Uri broker, string clientId, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(broker.Host, broker.Port, cancellationToken);
            var connect = new ArrayBufferWriter<byte>(256);
            MqttPacketEncoder.Encode(new ConnectPacket { ClientId = clientId, KeepAliveSeconds = 600, CleanStart = true }, MqttProtocolVersion.V500, connect);
            await socket.SendAsync(connect.WrittenMemory, cancellationToken);

            var buffer = new byte[4096];
            var filled = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    throw new InvalidOperationException("The broker closed the connection before CONNACK.");
                }

                filled += read;
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer, 0, filled));
                if (MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V500, uint.MaxValue, out var packet))
                {
                    if (packet is not ConnAckPacket { ReasonCode: MqttReasonCode.Success } connAck)
                    {
                        throw new InvalidOperationException($"The broker refused the connection: {packet}.");
                    }

                    return new RawPublisher(socket, connAck.ReceiveMaximum ?? ushort.MaxValue, connAck.TopicAliasMaximum ?? 0);
                }
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Encodes <paramref name="messages"/> as this connection will send them, in order.</summary>
    public EncodedMessages Encode((string Topic, byte[] Payload)[] messages)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(1, messages.Length) * 160);
        var ends = new int[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            var (topic, payload) = messages[i];
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
            var packet = new PublishPacket { Topic = topic, Payload = payload, QualityOfService = MqttQualityOfService.AtLeastOnce, PacketId = _lastPacketId };
            if (_aliases.TryGetValue(topic, out var alias))
            {
                packet = packet with { Topic = string.Empty, TopicAlias = alias };
            }
            else if (_aliases.Count < _aliasMaximum)
            {
                alias = (ushort)(_aliases.Count + 1);
                _aliases.Add(topic, alias);
                packet = packet with { TopicAlias = alias };
            }

            MqttPacketEncoder.Encode(packet, MqttProtocolVersion.V500, output);
            ends[i] = output.WrittenCount;
        }

        return new EncodedMessages(output.WrittenMemory, ends);
    }

    /// <summary>Sends <paramref name="messages"/> with at most the broker's window unacknowledged; returns when every PUBACK is in.</summary>
    public async Task PublishAsync(EncodedMessages messages, CancellationToken cancellationToken)
    {
        var total = messages.Count;
        if (total == 0)
        {
            return;
        }

        // The reader hands over how many PUBACKs each receive brought; the sender alone counts them.
        var acknowledged = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadAcknowledgementsAsync(total, acknowledged.Writer, stop.Token);
        try
        {
            int sent = 0, acked = 0;
            while (acked < total)
            {
                var allowed = Math.Min(total, acked + _window);
                if (sent < allowed)
                {
                    var end = sent;
                    while (end < allowed && messages.End(end) - messages.Start(sent) <= MaxWriteBytes)
                    {
                        end++;
                    }

                    end = Math.Max(end, sent + 1);
                    await _socket.SendAsync(messages.Bytes[messages.Start(sent)..messages.End(end - 1)], cancellationToken);
                    sent = end;
                }
                else
                {
                    acked += await acknowledged.Reader.ReadAsync(cancellationToken);
                }

                while (acknowledged.Reader.TryRead(out var more))
                {
                    acked += more;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            var disconnect = new ArrayBufferWriter<byte>(16);
            MqttPacketEncoder.Encode(new DisconnectPacket { ReasonCode = MqttReasonCode.NormalDisconnection }, MqttProtocolVersion.V500, disconnect);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.SendAsync(disconnect.WrittenMemory, timeout.Token);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The broker is gone already; closing is all that is left.
        }
        finally
        {
            _socket.Dispose();
        }
    }

    /// <summary>Decodes PUBACKs until <paramref name="total"/> are in; a refusal or anything else the broker sends fails the run.</summary>
    private async Task ReadAcknowledgementsAsync(int total, ChannelWriter<int> acknowledged, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var received = 0;
        try
        {
            while (received < total)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    throw new InvalidOperationException($"The broker closed the connection after {received:N0} of {total:N0} PUBACKs.");
                }

                filled += read;
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(buffer, 0, filled));
                var count = 0;
                while (MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V500, uint.MaxValue, out var packet))
                {
                    if (packet is not PubAckPacket ack || ack.ReasonCode is not (MqttReasonCode.Success or MqttReasonCode.NoMatchingSubscribers))
                    {
                        throw new InvalidOperationException($"The broker answered a publish with {packet}.");
                    }

                    count++;
                }

                var consumed = (int)reader.Consumed;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                received += count;
                if (count > 0)
                {
                    acknowledged.TryWrite(count);
                }
            }

            acknowledged.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            acknowledged.TryComplete();
        }
        catch (Exception e)
        {
            acknowledged.TryComplete(e);
        }
    }
}
