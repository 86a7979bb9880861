using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Simulators.Modbus;

public sealed partial class ModbusSimulatorServer
{
    /// <summary>Silence that ends an RTU frame whose function code does not tell its length (t3.5 above 19200 baud, with margin for TCP).</summary>
    private static readonly TimeSpan RtuSilence = TimeSpan.FromMilliseconds(5);

    private async Task ServeAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint;
        LogConnected(_logger, remote);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var requests = 0;
        var reason = "closed by the client";
        var pending = 0L;
        var lastData = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                var result = await ReadAsync(reader, armSilence: _options.Rtu && pending > 0).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.Length != pending)
                {
                    lastData = Stopwatch.GetTimestamp();
                }

                // A frame whose end only silence marks: the read was woken and nothing arrived for t3.5.
                var silent = result.IsCanceled && Stopwatch.GetElapsedTime(lastData) >= RtuSilence;
                while (TryReadFrame(ref buffer, silent, out var frame))
                {
                    if (frame.Pdu is null)
                    {
                        continue;
                    }

                    requests++;
                    if (_options.Faults.DropEvery > 0 && requests % _options.Faults.DropEvery == 0)
                    {
                        LogDropped(_logger, remote);
                        reason = "dropped (fault injection)";
                        return;
                    }

                    var reply = Reply(frame, requests);
                    if (reply is not null)
                    {
                        if (_options.Faults.DelayMs > 0)
                        {
                            await Task.Delay(_options.Faults.DelayMs, _stop.Token).ConfigureAwait(false);
                        }

                        await stream.WriteAsync(reply, _stop.Token).ConfigureAwait(false);
                    }
                }

                pending = buffer.Length;
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (ModbusException ex)
        {
            reason = ex.Message;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            reason = ex.Message;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            LogDisconnected(_logger, remote, reason);
        }
    }

    /// <summary>Reads; when armed, the read is woken (IsCanceled) after t3.5 so that silence can end a frame.</summary>
    private async ValueTask<ReadResult> ReadAsync(PipeReader reader, bool armSilence)
    {
        if (!armSilence)
        {
            return await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
        }

        using var silence = new CancellationTokenSource(RtuSilence);
        await using var registration = silence.Token.Register(reader.CancelPendingRead).ConfigureAwait(false);
        return await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
    }

    private byte[]? Reply(RequestFrame frame, int requestNumber)
    {
        if (_options.Faults.GarbageEvery > 0 && requestNumber % _options.Faults.GarbageEvery == 0)
        {
            var garbage = new byte[16];
            Random.Shared.NextBytes(garbage);
            return garbage;
        }

        byte[] pdu;
        if (_options.UnitId != 0 && frame.UnitId != _options.UnitId)
        {
            // A gateway answers for a unit it does not reach; on a serial line the unit simply is not there.
            if (_options.Rtu)
            {
                return null;
            }

            pdu = [(byte)(frame.Pdu![0] | 0x80), (byte)ModbusExceptionCode.GatewayTargetDeviceFailedToRespond];
        }
        else
        {
            pdu = _handler.Handle(frame.Pdu);
        }

        if (_options.Rtu)
        {
            var rtu = new byte[pdu.Length + ModbusRtuFraming.Overhead];
            ModbusRtuFraming.WriteFrame(frame.UnitId, pdu, rtu);
            return rtu;
        }

        var mbap = new byte[ModbusLimits.MbapHeaderLength + pdu.Length];
        new MbapHeader(frame.TransactionId, frame.UnitId, pdu.Length).Write(mbap);
        pdu.CopyTo(mbap.AsSpan(ModbusLimits.MbapHeaderLength));
        return mbap;
    }

    /// <summary>
    /// Cuts one request off the buffer. A frame with a null PDU was discarded (RTU CRC error): servers
    /// stay silent about those (Modbus over Serial Line §2.5.1.2).
    /// </summary>
    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, bool silenceElapsed, out RequestFrame frame)
    {
        frame = default;
        if (!_options.Rtu)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!MbapHeader.TryRead(ref reader, out var header) || reader.Remaining < header.PduLength)
            {
                return false;
            }

            var pdu = new byte[header.PduLength];
            reader.TryCopyTo(pdu);
            buffer = buffer.Slice(reader.Position).Slice(header.PduLength);
            frame = new RequestFrame(header.TransactionId, header.UnitId, pdu);
            return true;
        }

        Span<byte> head = stackalloc byte[ModbusLimits.MaxRtuFrameLength];
        var available = (int)Math.Min(buffer.Length, head.Length);
        buffer.Slice(0, available).CopyTo(head);
        head = head[..available];
        if (!ModbusRtuFraming.TryGetRequestLength(head, out var length))
        {
            return false;
        }

        if (length == 0)
        {
            // Unknown layout: the frame is what arrived before the silence.
            if (!silenceElapsed && buffer.Length <= ModbusLimits.MaxRtuFrameLength)
            {
                return false;
            }

            length = available;
        }
        else if (buffer.Length < length)
        {
            if (!silenceElapsed)
            {
                return false;
            }

            // The sender went silent in the middle of a frame: discard it.
            frame = new RequestFrame(0, head[0], null);
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        var valid = ModbusCrc16.IsValid(head[..length]);
        frame = new RequestFrame(0, head[0], valid ? head[1..(length - 2)].ToArray() : null);
        buffer = valid ? buffer.Slice(length) : buffer.Slice(buffer.End);
        return true;
    }

    private readonly record struct RequestFrame(ushort TransactionId, byte UnitId, byte[]? Pdu);
}
