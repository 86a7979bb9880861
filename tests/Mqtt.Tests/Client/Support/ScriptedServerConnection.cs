using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Client.Support;

/// <summary>One accepted connection of the <see cref="ScriptedMqttServer"/>: receive, send, close — all bounded in time.</summary>
internal sealed class ScriptedServerConnection : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<MqttPacket?> _received = Channel.CreateUnbounded<MqttPacket?>();
    private readonly Task _pump;

    public ScriptedServerConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
        _pump = PumpAsync();
    }

    public MqttProtocolVersion Version { get; private set; } = MqttProtocolVersion.Unknown;

    /// <summary>Receives CONNECT and answers with the CONNACK (Success by default).</summary>
    public async Task<ConnectPacket> AcceptConnectAsync(ConnAckPacket? connAck = null)
    {
        var connect = await ReceiveAsync<ConnectPacket>();
        await SendAsync(connAck ?? new ConnAckPacket());
        return connect;
    }

    public async Task<T> ReceiveAsync<T>()
        where T : MqttPacket
    {
        var packet = await ReceiveAsync(Timeout);
        packet.Should().NotBeNull($"a {typeof(T).Name} was expected before the connection closed");
        return packet.Should().BeOfType<T>().Subject;
    }

    /// <summary>The next packet, or null when the client closed the connection.</summary>
    public async Task<MqttPacket?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    /// <summary>True when nothing arrives within the window (used to check that the client holds back).</summary>
    public async Task<MqttPacket?> ReceiveWithinAsync(TimeSpan window)
    {
        try
        {
            return await ReceiveAsync(window);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Reads until the client closes; returns what it sent before that.</summary>
    public async Task<List<MqttPacket>> ReceiveUntilClosedAsync()
    {
        var packets = new List<MqttPacket>();
        while (await ReceiveAsync(Timeout) is { } packet)
        {
            packets.Add(packet);
        }

        return packets;
    }

    public Task SendAsync(MqttPacket packet)
    {
        var buffer = new ArrayBufferWriter<byte>();
        MqttPacketEncoder.Encode(packet, Version, buffer);
        return SendRawAsync(buffer.WrittenMemory);
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await _writeLock.WaitAsync(cts.Token);
        try
        {
            await _stream.WriteAsync(bytes, cts.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without DISCONNECT, like a network failure.</summary>
    public void Drop()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        await _pump.WaitAsync(Timeout);
        _writeLock.Dispose();
    }

    /// <summary>Decodes everything the client sends; a null marks the end of the connection.</summary>
    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync();
                var buffer = result.Buffer;
                while (TryDecode(ref buffer, out var packet))
                {
                    _received.Writer.TryWrite(packet);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or MqttProtocolException)
        {
            // The connection ended (or the client sent garbage, which the tests detect by the missing packet).
        }

        _received.Writer.TryWrite(null);
        await _reader.CompleteAsync();
    }

    private bool TryDecode(ref ReadOnlySequence<byte> buffer, out MqttPacket? packet)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!MqttPacketDecoder.TryDecode(ref reader, Version, uint.MaxValue, out packet))
        {
            return false;
        }

        if (packet is ConnectPacket connect)
        {
            Version = connect.ProtocolVersion;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
