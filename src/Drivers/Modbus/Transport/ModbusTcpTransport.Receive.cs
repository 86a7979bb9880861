using System.Buffers;
using System.Net.Sockets;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Modbus.Transport;

internal sealed partial class ModbusTcpTransport
{
    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_shutdown.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out var header, out var pdu))
                {
                    Dispatch(header, pdu);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    var detail = buffer.IsEmpty ? "closed the connection" : "closed the connection in the middle of a frame";
                    Break(new ModbusException(ModbusErrorReason.ConnectionClosed, $"{_endpoint} {detail}."));
                    return;
                }
            }
        }
        catch (ModbusException ex)
        {
            Break(ex);
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            // Closed by Break or DisposeAsync.
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            Break(new ModbusException(ModbusErrorReason.ConnectionClosed, $"Receiving from {_endpoint} failed.", ex));
        }
    }

    /// <summary>Cuts one MBAP frame off the buffer: false when it is not complete yet.</summary>
    internal static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out MbapHeader header, out byte[] pdu)
    {
        pdu = [];
        var reader = new SequenceReader<byte>(buffer);
        if (!MbapHeader.TryRead(ref reader, out header) || reader.Remaining < header.PduLength)
        {
            return false;
        }

        pdu = new byte[header.PduLength];
        reader.TryCopyTo(pdu);
        reader.Advance(header.PduLength);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private void Dispatch(MbapHeader header, byte[] pdu)
    {
        if (!_pending.TryRemove(header.TransactionId, out var pending))
        {
            throw new ModbusException(ModbusErrorReason.TransactionIdMismatch, $"{_endpoint} replied with transaction id {header.TransactionId}, which no request is waiting for.");
        }

        ModbusException? error = null;
        if (header.UnitId != pending.UnitId)
        {
            error = new ModbusException(ModbusErrorReason.UnitIdMismatch, $"Reply from unit {header.UnitId} to a request for unit {pending.UnitId}.");
        }
        else if ((pdu[0] & 0x7F) != (byte)pending.FunctionCode)
        {
            error = new ModbusException(ModbusErrorReason.FunctionCodeMismatch, $"Reply function code 0x{pdu[0]:X2} does not answer 0x{(byte)pending.FunctionCode:X2}.");
        }

        if (error is not null)
        {
            pending.Fail(error);
            throw new ModbusException(error.Reason, error.Message);
        }

        pending.Complete(pdu);
    }
}
