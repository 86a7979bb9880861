using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Modbus.Transport;

/// <summary>
/// Modbus RTU framing (Modbus over Serial Line v1.02 §2.5) over a byte stream: a serial port or a TCP
/// connection to a serial gateway. One request at a time (the line is half-duplex). The reply length
/// follows from its function code; a frame is complete only when the line then stays silent for t3.5,
/// and the next request waits for t3.5 of silence too. A CRC error, wrong unit id or function code,
/// trailing bytes or a timeout break the transport.
/// </summary>
internal sealed class ModbusRtuTransport : IModbusTransport
{
    private readonly Stream _stream;
    private readonly Func<int> _bytesAvailable;
    private readonly TimeSpan _interFrameDelay;
    private readonly string _endpoint;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly byte[] _buffer = new byte[ModbusLimits.MaxRtuFrameLength];
    private long _lastActivity;
    private ModbusException? _failure;

    public ModbusRtuTransport(Stream stream, Func<int> bytesAvailable, TimeSpan interFrameDelay, string endpoint, ILogger logger)
    {
        _stream = stream;
        _bytesAvailable = bytesAvailable;
        _interFrameDelay = interFrameDelay;
        _endpoint = endpoint;
        _logger = logger;
        _lastActivity = Stopwatch.GetTimestamp();
    }

    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    public async Task<byte[]> ExchangeAsync(byte unitId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_failure is { } failure)
            {
                throw new ModbusException(failure.Reason, failure.Message, failure);
            }

            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                return await ExchangeCoreAsync(unitId, request, timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Break(new ModbusException(ModbusErrorReason.Timeout, $"No complete reply from {_endpoint} unit {unitId} to {request.FunctionCode} within {timeout.TotalMilliseconds} ms."));
            }
            catch (OperationCanceledException)
            {
                Break(new ModbusException(ModbusErrorReason.ConnectionClosed, $"A request to {_endpoint} was cancelled; the line is out of step."));
                throw;
            }
            catch (ModbusException ex)
            {
                throw Break(ex);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                throw Break(new ModbusException(ModbusErrorReason.ConnectionClosed, $"The line to {_endpoint} failed.", ex));
            }
            finally
            {
                _lastActivity = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _failure, _failure ?? new ModbusException(ModbusErrorReason.ConnectionClosed, $"The line to {_endpoint} was closed."));
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<byte[]> ExchangeCoreAsync(byte unitId, ModbusRequest request, CancellationToken cancellationToken)
    {
        await WaitForSilenceAsync(cancellationToken).ConfigureAwait(false);
        var frameLength = ModbusRtuFraming.WriteFrame(unitId, request.Pdu.Span, _buffer);
        await _stream.WriteAsync(_buffer.AsMemory(0, frameLength), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var received = 0;
        var wanted = 2;
        while (true)
        {
            while (received < wanted)
            {
                var read = await _stream.ReadAsync(_buffer.AsMemory(received, wanted - received), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new ModbusException(ModbusErrorReason.ConnectionClosed, received == 0 ? $"{_endpoint} closed the connection." : $"{_endpoint} closed the connection in the middle of a frame.");
                }

                received += read;
            }

            CheckHeader(unitId, request.FunctionCode);
            if (ModbusRtuFraming.TryGetResponseLength(_buffer.AsSpan(0, received), out var length))
            {
                if (received >= length)
                {
                    break;
                }

                wanted = length;
            }
            else
            {
                wanted = received + 1;
            }
        }

        if (!ModbusCrc16.IsValid(_buffer.AsSpan(0, received)))
        {
            throw new ModbusException(ModbusErrorReason.CrcMismatch, $"Reply from {_endpoint} failed its CRC check.");
        }

        await WaitForEndOfFrameAsync(cancellationToken).ConfigureAwait(false);
        return _buffer.AsSpan(1, received - ModbusRtuFraming.Overhead).ToArray();
    }

    private void CheckHeader(byte unitId, ModbusFunctionCode functionCode)
    {
        if (_buffer[0] != unitId)
        {
            throw new ModbusException(ModbusErrorReason.UnitIdMismatch, $"Reply from unit {_buffer[0]} to a request for unit {unitId}.");
        }

        if ((_buffer[1] & 0x7F) != (byte)functionCode)
        {
            throw new ModbusException(ModbusErrorReason.FunctionCodeMismatch, $"Reply function code 0x{_buffer[1]:X2} does not answer 0x{(byte)functionCode:X2}.");
        }
    }

    /// <summary>The frame ends with t3.5 of silence: bytes after the expected length mean the device sent an oversized frame.</summary>
    private async Task WaitForEndOfFrameAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(_interFrameDelay, cancellationToken).ConfigureAwait(false);
        if (_bytesAvailable() > 0)
        {
            throw new ModbusException(ModbusErrorReason.FrameTooLarge, $"{_endpoint} sent more bytes than its reply frame holds.");
        }
    }

    private async Task WaitForSilenceAsync(CancellationToken cancellationToken)
    {
        var remaining = _interFrameDelay - Stopwatch.GetElapsedTime(_lastActivity);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }

        if (_bytesAvailable() > 0)
        {
            throw new ModbusException(ModbusErrorReason.MalformedFrame, $"{_endpoint} sent bytes nobody asked for.");
        }
    }

    private ModbusException Break(ModbusException error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is null)
        {
            ModbusLog.ConnectionBroken(_logger, _endpoint, error.Reason, error.Message);
        }

        return error;
    }
}
