using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Interop.Tests.Mqtt.Support;

/// <summary>A raw TCP connection to the broker speaking packets through our codec, or plain bytes.</summary>
public sealed class RawMqttConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly PipeReader _input;
    private readonly NetworkStream _stream;
    private readonly MqttProtocolVersion _version;

    private RawMqttConnection(TcpClient client, MqttProtocolVersion version)
    {
        _client = client;
        _stream = client.GetStream();
        _input = PipeReader.Create(_stream);
        _version = version;
    }

    public static async Task<RawMqttConnection> OpenAsync(int port, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        return new RawMqttConnection(client, version);
    }

    /// <summary>Opens, sends CONNECT and returns the CONNACK (whatever its reason code).</summary>
    public static async Task<(RawMqttConnection Connection, ConnAckPacket ConnAck)> ConnectAsync(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500, ushort keepAlive = 60)
    {
        var connection = await OpenAsync(port, version);
        await connection.SendAsync(new ConnectPacket { ProtocolVersion = version, ClientId = clientId, KeepAliveSeconds = keepAlive });
        var connAck = (ConnAckPacket)await connection.ReceiveAsync();
        return (connection, connAck);
    }

    public async Task SendAsync(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketEncoder.Encode(packet, _version, buffer);
        await SendRawAsync(buffer.WrittenMemory);
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _stream.WriteAsync(bytes, cts.Token);
    }

    public async Task<MqttPacket> ReceiveAsync(TimeSpan? timeout = null)
        => await TryReceiveAsync(timeout ?? TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("The broker closed the connection.");

    public async Task<T> ReceiveAsync<T>(TimeSpan? timeout = null)
        where T : MqttPacket
        => (await ReceiveAsync(timeout)).Should().BeOfType<T>().Subject;

    /// <summary>The next packet, or null when the broker closed the connection; throws on timeout.</summary>
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
            catch (IOException)
            {
                return null;
            }

            var reader = new SequenceReader<byte>(result.Buffer);
            if (MqttPacketDecoder.TryDecode(ref reader, _version, MqttBrokerOptions.ProtocolMaximumPacketSize, out var packet))
            {
                _input.AdvanceTo(reader.Position);
                return packet;
            }

            _input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Reads until the broker closes the connection; returns the packets that came before.</summary>
    public async Task<List<MqttPacket>> ReadUntilClosedAsync(TimeSpan timeout)
    {
        var packets = new List<MqttPacket>();
        while (await TryReceiveAsync(timeout) is { } packet)
        {
            packets.Add(packet);
        }

        return packets;
    }

    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync();
        _client.Dispose();
    }
}
