using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Bench.MqttBroker;

/// <summary>A minimal MQTT 5.0 load client over our codec: pipelined publishes, counted receipts.</summary>
internal sealed class BenchConnection : IAsyncDisposable
{
    private const int Window = 100;

    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    private BenchConnection(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
    }

    public static async Task<BenchConnection> ConnectAsync(int port, string clientId)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        var connection = new BenchConnection(socket);
        await connection.SendAsync(new ConnectPacket { ClientId = clientId, KeepAliveSeconds = 600, ReceiveMaximum = ushort.MaxValue });
        var connAck = await connection.ReceiveAsync();
        if (connAck is not ConnAckPacket { ReasonCode: MqttReasonCode.Success })
        {
            throw new InvalidOperationException("CONNECT refused: " + connAck);
        }

        return connection;
    }

    public async Task SubscribeAsync(string filter, MqttQualityOfService qos)
    {
        await SendAsync(new SubscribePacket { PacketId = 1, Subscriptions = [new MqttSubscription { TopicFilter = filter, MaximumQualityOfService = qos }] });
        if (await ReceiveAsync() is not SubAckPacket)
        {
            throw new InvalidOperationException("SUBACK expected.");
        }
    }

    /// <summary>Publishes back to back; QoS 1 keeps at most <see cref="Window"/> unacknowledged.</summary>
    public async Task PublishManyAsync(string topic, byte[] payload, MqttQualityOfService qos, int count)
    {
        var unacknowledged = 0;
        ushort packetId = 0;
        for (var i = 0; i < count; i++)
        {
            if (qos != MqttQualityOfService.AtMostOnce)
            {
                packetId = packetId == ushort.MaxValue ? (ushort)1 : (ushort)(packetId + 1);
                unacknowledged++;
            }

            MqttPacketEncoder.Encode(new PublishPacket { Topic = topic, Payload = payload, QualityOfService = qos, PacketId = packetId }, MqttProtocolVersion.V500, _output);
            if (unacknowledged >= Window || _output.UnflushedBytes > 32 * 1024)
            {
                await _output.FlushAsync();
            }

            while (unacknowledged >= Window)
            {
                await ReceiveAsync();
                unacknowledged--;
            }
        }

        await _output.FlushAsync();
        for (; unacknowledged > 0; unacknowledged--)
        {
            await ReceiveAsync();
        }
    }

    /// <summary>
    /// Counts PUBLISHes (acknowledging QoS 1) until all expected arrived or none came for the idle
    /// time; returns the count and the stopwatch's reading at the last one.
    /// </summary>
    public async Task<(long Received, TimeSpan Elapsed)> ReceivePublishesAsync(long expected, TimeSpan idle, Stopwatch stopwatch)
    {
        long received = 0;
        var last = TimeSpan.Zero;
        while (received < expected)
        {
            using var cts = new CancellationTokenSource(idle);
            ReadResult result;
            try
            {
                result = await _input.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var buffer = result.Buffer;
            var acks = false;
            while (TryDecode(ref buffer, out var packet))
            {
                if (packet is PublishPacket publish)
                {
                    received++;
                    last = stopwatch.Elapsed;
                    if (publish.QualityOfService == MqttQualityOfService.AtLeastOnce)
                    {
                        MqttPacketEncoder.Encode(new PubAckPacket { PacketId = publish.PacketId }, MqttProtocolVersion.V500, _output);
                        acks = true;
                    }
                }
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (acks)
            {
                await _output.FlushAsync();
            }

            if (result.IsCompleted)
            {
                break;
            }
        }

        return (received, last);
    }

    public async ValueTask DisposeAsync()
    {
        await SendAsync(new DisconnectPacket());
        _socket.Dispose();
    }

    private async Task SendAsync(MqttPacket packet)
    {
        MqttPacketEncoder.Encode(packet, MqttProtocolVersion.V500, _output);
        await _output.FlushAsync();
    }

    private async Task<MqttPacket> ReceiveAsync()
    {
        while (true)
        {
            var result = await _input.ReadAsync();
            var buffer = result.Buffer;
            if (TryDecode(ref buffer, out var packet))
            {
                _input.AdvanceTo(buffer.Start);
                return packet;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new InvalidOperationException("The broker closed the connection.");
            }
        }
    }

    private static bool TryDecode(ref ReadOnlySequence<byte> buffer, out MqttPacket packet)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V500, 268_435_460, out var decoded))
        {
            buffer = buffer.Slice(reader.Position);
            packet = decoded;
            return true;
        }

        packet = null!;
        return false;
    }
}
