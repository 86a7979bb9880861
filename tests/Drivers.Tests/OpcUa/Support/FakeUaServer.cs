using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Binary;

namespace Proxus.Drivers.Tests.OpcUa.Support;

/// <summary>
/// A scripted UA TCP server on 127.0.0.1 (port 0) for hostile-input tests: it accepts one connection
/// and runs the script, which reads our chunks and answers with whatever bytes the test needs.
/// </summary>
internal sealed class FakeUaServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private readonly Task _run;
    private TcpClient? _client;

    public FakeUaServer(Func<FakeUaServer, Task> script)
    {
        _listener.Start();
        _run = Task.Run(async () =>
        {
            _client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await script(this);
        });
    }

    public string EndpointUrl => $"opc.tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public uint SequenceNumber { get; set; } = 100;

    private NetworkStream Stream => _client!.GetStream();

    /// <summary>Reads one whole chunk (header included).</summary>
    public async Task<byte[]> ReadChunkAsync()
    {
        var header = new byte[8];
        await Stream.ReadExactlyAsync(header, _stop.Token);
        var size = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var chunk = new byte[size];
        header.CopyTo(chunk, 0);
        await Stream.ReadExactlyAsync(chunk.AsMemory(8), _stop.Token);
        return chunk;
    }

    public Task SendAsync(byte[] bytes) => Stream.WriteAsync(bytes, _stop.Token).AsTask();

    /// <summary>Reads the Hello and answers with an Acknowledge of the given buffer size.</summary>
    public async Task AcknowledgeAsync(int bufferSize = 65535, int maxMessageSize = 0)
    {
        await ReadChunkAsync();
        var ack = new UaBinaryWriter();
        ack.WriteBytes("ACKF"u8);
        ack.WriteInt32(28);
        ack.WriteUInt32(0);
        ack.WriteInt32(bufferSize);
        ack.WriteInt32(bufferSize);
        ack.WriteInt32(maxMessageSize);
        ack.WriteInt32(0);
        await SendAsync(ack.ToArray());
        ack.Dispose();
    }

    /// <summary>Reads an unsecured OpenSecureChannel request and grants channel 7, token 1.</summary>
    public async Task OpenChannelAsync(uint channelId = 7)
    {
        var request = await ReadChunkAsync();
        var reader = new UaBinaryReader(request.AsSpan(12));
        reader.ReadString();
        reader.ReadByteString();
        reader.ReadByteString();
        reader.ReadUInt32();
        var requestId = reader.ReadUInt32();
        using var body = new UaBinaryWriter();
        body.WriteNodeId(new NodeId(449u));
        WriteResponseHeader(body, StatusCode.Good);
        body.WriteUInt32(0);
        body.WriteUInt32(channelId);
        body.WriteUInt32(1);
        body.WriteDateTime(DateTime.UtcNow);
        body.WriteUInt32(600000);
        body.WriteByteString((byte[]?)null);
        using var chunk = new UaBinaryWriter();
        chunk.WriteBytes("OPNF"u8);
        var sizeAt = chunk.Reserve(4);
        chunk.WriteUInt32(channelId);
        chunk.WriteString(SecurityPolicy.None.Uri);
        chunk.WriteByteString((byte[]?)null);
        chunk.WriteByteString((byte[]?)null);
        chunk.WriteUInt32(SequenceNumber++);
        chunk.WriteUInt32(requestId);
        chunk.WriteBytes(body.WrittenSpan);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.GetSpan(sizeAt, 4), chunk.Position);
        await SendAsync(chunk.ToArray());
    }

    /// <summary>Reads a MSG request and returns its request id.</summary>
    public async Task<uint> ReadRequestIdAsync()
    {
        var request = await ReadChunkAsync();
        return BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(20));
    }

    /// <summary>An unsecured MSG chunk (channel 7, token 1).</summary>
    public byte[] Message(uint requestId, char chunkType, ReadOnlySpan<byte> body, uint channelId = 7, uint? sequence = null)
    {
        var bytes = new byte[24 + body.Length];
        "MSG"u8.CopyTo(bytes);
        bytes[3] = (byte)chunkType;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), channelId);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), sequence ?? SequenceNumber++);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), requestId);
        body.CopyTo(bytes.AsSpan(24));
        return bytes;
    }

    public static void WriteResponseHeader(UaBinaryWriter writer, StatusCode result, uint requestHandle = 1)
    {
        writer.WriteDateTime(DateTime.UtcNow);
        writer.WriteUInt32(requestHandle);
        writer.WriteStatusCode(result);
        writer.WriteByte(0);
        writer.WriteInt32(-1);
        writer.WriteExtensionObject(null);
    }

    /// <summary>Closes the connection as a crashing server would.</summary>
    public void Close() => _client!.Dispose();

    /// <summary>Waits until the client closes its side (or the test's time runs out).</summary>
    public async Task WaitForCloseAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (await Stream.ReadAsync(buffer, _stop.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset by the client.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The script was cut short by the client closing or the test ending.
        }

        _client?.Dispose();
        _listener.Stop();
        _stop.Dispose();
    }
}
