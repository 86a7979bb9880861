using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Modbus.Transport;

/// <summary>
/// Modbus TCP (MBAP framing). Requests are matched to replies by transaction id, so up to
/// <c>maxInFlight</c> requests can be outstanding at once on devices that allow it (Messaging on
/// TCP/IP Implementation Guide §4.2). A reply with an unknown transaction id, another unit id or
/// function code, or a malformed header breaks the connection and fails every outstanding request.
/// </summary>
internal sealed partial class ModbusTcpTransport : IModbusTransport
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<ushort, PendingRequest> _pending = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly Task _receiveLoop;
    private int _nextTransactionId;
    private ModbusException? _failure;

    private ModbusTcpTransport(Socket socket, int maxInFlight, string endpoint, ILogger logger)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 1024, minimumReadSize: 256, leaveOpen: true));
        _slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        _endpoint = endpoint;
        _logger = logger;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    public static async Task<ModbusTcpTransport> ConnectAsync(string host, int port, int maxInFlight, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = await ModbusSocket.ConnectAsync(host, port, timeout, cancellationToken).ConfigureAwait(false);
        return new ModbusTcpTransport(socket, maxInFlight, $"{host}:{port}", logger);
    }

    public async Task<byte[]> ExchangeAsync(byte unitId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfBroken();
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        ushort transactionId = 0;
        try
        {
            var pending = new PendingRequest(unitId, request.FunctionCode);
            transactionId = Register(pending);
            ThrowIfBroken();
            var frame = new byte[ModbusLimits.MbapHeaderLength + request.Pdu.Length];
            new MbapHeader(transactionId, unitId, request.Pdu.Length).Write(frame);
            request.Pdu.Span.CopyTo(frame.AsSpan(ModbusLimits.MbapHeaderLength));
            try
            {
                await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                return await pending.Reply.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var error = new ModbusException(ModbusErrorReason.Timeout, $"No reply from {_endpoint} unit {unitId} to {request.FunctionCode} within {timeout.TotalMilliseconds} ms.");
                Break(error);
                throw error;
            }
            catch (OperationCanceledException)
            {
                // Part of the frame may be on the wire, or a reply may still come that nothing waits for.
                Break(new ModbusException(ModbusErrorReason.ConnectionClosed, $"A request to {_endpoint} was cancelled; the connection is out of step."));
                throw;
            }
        }
        finally
        {
            _pending.TryRemove(transactionId, out _);
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Break(new ModbusException(ModbusErrorReason.ConnectionClosed, $"The connection to {_endpoint} was closed."));
        await _receiveLoop.ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();

        // The semaphores stay undisposed: requests failed by Break may still be releasing them.
    }

    private ushort Register(PendingRequest pending)
    {
        // At most maxInFlight (<= 65535) ids are in use, so a free one is always found.
        while (true)
        {
            var id = (ushort)Interlocked.Increment(ref _nextTransactionId);
            if (_pending.TryAdd(id, pending))
            {
                return id;
            }
        }
    }

    private async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            var error = new ModbusException(ModbusErrorReason.ConnectionClosed, $"Sending to {_endpoint} failed.", ex);
            Break(error);
            throw error;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ThrowIfBroken()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new ModbusException(failure.Reason, failure.Message, failure);
        }
    }

    /// <summary>Marks the connection broken (first error wins), closes the socket and fails every outstanding request.</summary>
    private void Break(ModbusException error)
    {
        if (Interlocked.CompareExchange(ref _failure, error, null) is not null)
        {
            return;
        }

        if (error.Reason is not ModbusErrorReason.ConnectionClosed)
        {
            ModbusLog.ConnectionBroken(_logger, _endpoint, error.Reason, error.Message);
        }

        _shutdown.Cancel();
        _socket.Close();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Fail(new ModbusException(error.Reason, error.Message, error));
            }
        }
    }
}
