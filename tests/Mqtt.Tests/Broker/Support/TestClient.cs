using System.Buffers;
using System.IO.Pipelines;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Broker.Support;

/// <summary>A raw-packet client over in-memory pipes: sends packets or bytes, receives decoded packets.</summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly PipeWriter _output;
    private readonly PipeReader _input;
    private readonly MqttProtocolVersion _version;

    public TestClient(PipeWriter output, PipeReader input, MqttProtocolVersion version, Task connection)
    {
        _output = output;
        _input = input;
        _version = version;
        Connection = connection;
    }

    /// <summary>The broker's task serving this connection; completes when the broker closed it.</summary>
    public Task Connection { get; }

    public ConnAckPacket? ConnAck { get; set; }

    public async Task SendAsync(MqttPacket packet)
    {
        MqttPacketEncoder.Encode(packet, _version, _output);
        await _output.FlushAsync();
    }

    public async Task SendRawAsync(params byte[] bytes)
    {
        await _output.WriteAsync(bytes);
    }

    public Task PublishAsync(string topic, string payload, MqttQualityOfService qos = MqttQualityOfService.AtMostOnce, ushort packetId = 0, bool retain = false)
        => SendAsync(new PublishPacket { Topic = topic, Payload = System.Text.Encoding.UTF8.GetBytes(payload), QualityOfService = qos, PacketId = packetId, Retain = retain });

    public async Task<SubAckPacket> SubscribeAsync(string filter, MqttQualityOfService qos = MqttQualityOfService.AtMostOnce, ushort packetId = 1, Func<MqttSubscription, MqttSubscription>? configure = null, uint? subscriptionIdentifier = null)
    {
        var subscription = new MqttSubscription { TopicFilter = filter, MaximumQualityOfService = qos };
        await SendAsync(new SubscribePacket
        {
            PacketId = packetId,
            Subscriptions = [configure?.Invoke(subscription) ?? subscription],
            SubscriptionIdentifier = subscriptionIdentifier,
        });
        var subAck = await ReceiveAsync<SubAckPacket>();
        subAck.PacketId.Should().Be(packetId);
        return subAck;
    }

    public async Task<T> ReceiveAsync<T>(TimeSpan? timeout = null)
        where T : MqttPacket
    {
        var packet = await ReceiveAsync(timeout);
        return packet.Should().BeOfType<T>().Subject;
    }

    /// <summary>The next packet from the broker; throws when the broker closed the connection first.</summary>
    public async Task<MqttPacket> ReceiveAsync(TimeSpan? timeout = null)
    {
        return await TryReceiveAsync(timeout ?? DefaultTimeout) ?? throw new InvalidOperationException("The broker closed the connection.");
    }

    /// <summary>Null when the connection ended; throws <see cref="TimeoutException"/> when nothing came in time.</summary>
    public async Task<MqttPacket?> TryReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _input.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No packet from the broker within {timeout}.");
            }

            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (MqttPacketDecoder.TryDecode(ref reader, _version, MqttBrokerOptions.ProtocolMaximumPacketSize, out var packet))
            {
                _input.AdvanceTo(reader.Position);
                return packet;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Asserts that nothing arrives within the window (used after a positive signal, never alone).</summary>
    public async Task ExpectNothingAsync(TimeSpan? window = null)
    {
        var act = () => TryReceiveAsync(window ?? TimeSpan.FromMilliseconds(300));
        await act.Should().ThrowAsync<TimeoutException>();
    }

    /// <summary>Reads until the broker closes the connection and returns what came before.</summary>
    public async Task<List<MqttPacket>> ReadUntilClosedAsync(TimeSpan? timeout = null)
    {
        var packets = new List<MqttPacket>();
        while (await TryReceiveAsync(timeout ?? DefaultTimeout) is { } packet)
        {
            packets.Add(packet);
        }

        await Connection.WaitAsync(timeout ?? DefaultTimeout);
        return packets;
    }

    /// <summary>Drops the transport without DISCONNECT (a network failure for the broker).</summary>
    public async Task AbortAsync()
    {
        await _output.CompleteAsync();
        await Connection.WaitAsync(DefaultTimeout);
    }

    public async Task DisconnectAsync(MqttReasonCode reason = MqttReasonCode.NormalDisconnection, uint? sessionExpiry = null)
    {
        await SendAsync(new DisconnectPacket { ReasonCode = reason, SessionExpiryInterval = sessionExpiry });
        await _output.CompleteAsync();
        await Connection.WaitAsync(DefaultTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _output.CompleteAsync();
        await _input.CompleteAsync();
    }
}
