using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Tests.Modbus.Support;

/// <summary>
/// A Modbus device on 127.0.0.1 (TCP with MBAP, or RTU frames over TCP) that answers correctly from a
/// small holding-register table, and misbehaves on cue through <see cref="Behaviour"/>.
/// </summary>
public sealed class FakeModbusDevice : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private int _connectionCount;
    private int _requestCount;

    private FakeModbusDevice(bool rtu)
    {
        IsRtu = rtu;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public bool IsRtu { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public int RequestCount => Volatile.Read(ref _requestCount);

    public ushort[] HoldingRegisters { get; } = new ushort[1000];

    /// <summary>Holding-register addresses answered with exception 02 (illegal data address).</summary>
    public HashSet<int> RejectedAddresses { get; } = [];

    /// <summary>Overrides the reply; return null for the correct one.</summary>
    public Func<FakeRequest, FakeReply?>? Behaviour { get; set; }

    /// <summary>When above 1, requests are collected until this many arrived and answered in reverse order.</summary>
    public int ReplyBatch { get; set; } = 1;

    public static FakeModbusDevice StartTcp() => new(rtu: false);

    public static FakeModbusDevice StartRtu() => new(rtu: true);

    public static byte[] Mbap(ushort transactionId, byte unitId, byte[] pdu, int? lengthField = null)
    {
        var frame = new byte[7 + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4), (ushort)(lengthField ?? pdu.Length + 1));
        frame[6] = unitId;
        pdu.CopyTo(frame, 7);
        return frame;
    }

    public static byte[] Rtu(byte unitId, byte[] pdu)
    {
        var frame = new byte[pdu.Length + 3];
        ModbusRtuFraming.WriteFrame(unitId, pdu, frame);
        return frame;
    }

    /// <summary>The reply a correct device would send, framed for this device's transport.</summary>
    public byte[] CorrectReply(FakeRequest request) => Frame(request.TransactionId, request.UnitId, CorrectPdu(request.Pdu));

    public byte[] Frame(ushort transactionId, byte unitId, byte[] pdu) => IsRtu ? Rtu(unitId, pdu) : Mbap(transactionId, unitId, pdu);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _acceptLoop.ConfigureAwait(false);
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private byte[] CorrectPdu(byte[] pdu)
    {
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(1));
        var value = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(3));
        switch (pdu[0])
        {
            case 0x03:
                if (address + value > HoldingRegisters.Length || Enumerable.Range(address, value).Any(RejectedAddresses.Contains))
                {
                    return [0x83, 0x02];
                }

                var reply = new byte[2 + (2 * value)];
                reply[0] = 0x03;
                reply[1] = (byte)(2 * value);
                for (var i = 0; i < value; i++)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2 + (2 * i)), HoldingRegisters[address + i]);
                }

                return reply;
            case 0x06:
                HoldingRegisters[address] = value;
                return pdu;
            case 0x10:
                for (var i = 0; i < value; i++)
                {
                    HoldingRegisters[address + i] = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(6 + (2 * i)));
                }

                return pdu[..5];
            default:
                return [(byte)(pdu[0] | 0x80), 0x01];
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connectionCount);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(client));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var batch = new List<byte[]>();
        try
        {
            while (true)
            {
                var request = await ReadRequestAsync(stream);
                Interlocked.Increment(ref _requestCount);
                var reply = Behaviour?.Invoke(request) ?? FakeReply.Send(CorrectReply(request));
                if (reply.Bytes is not null)
                {
                    batch.Add(reply.Bytes);
                    if (batch.Count >= ReplyBatch)
                    {
                        batch.Reverse();
                        foreach (var bytes in batch)
                        {
                            await stream.WriteAsync(bytes, _stop.Token);
                        }

                        batch.Clear();
                    }
                }

                if (reply.Later is not null)
                {
                    await Task.Delay(100, _stop.Token);
                    await stream.WriteAsync(reply.Later, _stop.Token);
                }

                if (reply.CloseAfter)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client or the test closed the connection.
        }
    }

    private async Task<FakeRequest> ReadRequestAsync(NetworkStream stream)
    {
        if (!IsRtu)
        {
            var header = new byte[7];
            await stream.ReadExactlyAsync(header, _stop.Token);
            var pdu = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4)) - 1];
            await stream.ReadExactlyAsync(pdu, _stop.Token);
            return new FakeRequest(BinaryPrimitives.ReadUInt16BigEndian(header), header[6], pdu);
        }

        var frame = new byte[256];
        var received = 0;
        var wanted = 2;
        while (true)
        {
            await stream.ReadExactlyAsync(frame.AsMemory(received, wanted - received), _stop.Token);
            received = wanted;
            if (ModbusRtuFraming.TryGetRequestLength(frame.AsSpan(0, received), out var length) && length > 0)
            {
                if (received == length)
                {
                    return new FakeRequest(0, frame[0], frame[1..(length - 2)]);
                }

                wanted = length;
            }
            else
            {
                wanted = received + 1;
            }
        }
    }
}
