using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Proxus.Drivers.S7.Protocol;

namespace Proxus.Drivers.Tests.S7.Support;

/// <summary>
/// A minimal S7 PLC on loopback that answers correctly from one 64 KiB memory (any area, any DB)
/// until told to misbehave: each queued <see cref="Cue"/> rewrites the reply to the next
/// Read/Write Var job. Handshake faults are switched on with properties.
/// </summary>
public sealed class FakeS7Device : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Func<byte[], FakeReply>> _cues = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;
    private int _connections;
    private int _jobs;

    public FakeS7Device()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Memory served for every area and DB.</summary>
    public byte[] Memory { get; } = new byte[65536];

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Read/Write Var jobs received so far.</summary>
    public int Jobs => Volatile.Read(ref _jobs);

    /// <summary>Answer the COTP connection request with this TPDU instead of a CC.</summary>
    public byte[]? ConnectReply { get; set; }

    public ushort GrantedPduSize { get; set; } = 480;

    /// <summary>Queues a rewrite of the reply to the next Read/Write Var job.</summary>
    public void Cue(Func<byte[], FakeReply> rewrite) => _cues.Enqueue(rewrite);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _acceptLoop;
        _listener.Stop();
        await Task.WhenAll(_sessions);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _sessions.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new TpktReader(stream, 4096);
        try
        {
            var request = CotpCodec.DecodeConnect((await reader.ReadTpduAsync(_stopping.Token)).Span);
            await stream.WriteAsync(ConnectReply ?? CotpCodec.EncodeConnect(request with { Type = CotpTpduType.ConnectionConfirm, DestinationReference = request.SourceReference }), _stopping.Token);
            while (true)
            {
                var pdu = S7PduCodec.Decode(await reader.ReadS7PduAsync(_stopping.Token));
                var reply = Answer(pdu);
                if (pdu.Function is S7Function.ReadVar or S7Function.WriteVar)
                {
                    Interlocked.Increment(ref _jobs);
                    if (_cues.TryDequeue(out var rewrite))
                    {
                        var fake = rewrite(reply);
                        await stream.WriteAsync(fake.Bytes, _stopping.Token);
                        if (fake.Then == FakeReply.After.Close)
                        {
                            return;
                        }

                        if (fake.Then == FakeReply.After.Stall)
                        {
                            await Task.Delay(Timeout.Infinite, _stopping.Token);
                        }

                        continue;
                    }
                }

                await stream.WriteAsync(reply, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or Drivers.S7.S7Exception)
        {
            // The client went away or the test ended.
        }
    }

    private byte[] Answer(S7Pdu pdu)
    {
        var reference = pdu.Header.Reference;
        switch (pdu.Function)
        {
            case S7Function.SetupCommunication:
                return S7PduCodec.EncodeSetupCommunication(S7PduType.AckData, reference, new S7SetupCommunication(1, 1, GrantedPduSize));
            case S7Function.ReadVar:
                var items = S7PduCodec.DecodeItemAddresses(pdu);
                return S7PduCodec.EncodeReadVarResponse(reference, Array.ConvertAll(items, Read));
            default:
                var written = S7PduCodec.DecodeWriteVarRequest(pdu, out var data);
                for (var i = 0; i < written.Length; i++)
                {
                    data[i].Data.Span.CopyTo(Memory.AsSpan(Start(written[i])));
                }

                return S7PduCodec.EncodeWriteVarResponse(reference, Enumerable.Repeat(S7ReturnCode.Success, written.Length).ToArray());
        }
    }

    private S7DataItem Read(S7ItemAddress item)
    {
        var data = Memory.AsMemory(Start(item), item.ByteLength).ToArray();
        if (item.VariableType == S7VariableType.Bit)
        {
            data[0] = (byte)((data[0] >> (item.Address & 7)) & 1);
        }

        return new S7DataItem(S7ReturnCode.Success, item.VariableType == S7VariableType.Bit ? S7DataTransportSize.Bit : S7DataTransportSize.Byte, data);
    }

    private static int Start(S7ItemAddress item) =>
        item.VariableType is S7VariableType.Timer or S7VariableType.Counter ? item.Address * 2 : item.Address >> 3;
}
