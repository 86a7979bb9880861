using System.Net.Sockets;
using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Drivers.Modbus.Planning;
using Proxus.Drivers.Modbus.Protocol;
using Proxus.Drivers.Modbus.Serial;
using Proxus.Drivers.Modbus.Transport;

namespace Proxus.Drivers.Modbus;

/// <summary>
/// A Modbus master for one device or gateway over TCP, RTU over TCP, or RTU on a serial line. It
/// connects on first use, retries timeouts and broken connections, reconnects with exponential
/// backoff, and never reuses a connection that got out of step. Thread-safe.
/// </summary>
public sealed partial class ModbusClient : IAsyncDisposable
{
    private readonly ModbusClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private IModbusTransport? _transport;
    private int _consecutiveFailures;
    private long _nextConnectAllowed;
    private bool _disposed;

    public ModbusClient(ModbusClientOptions options, ILogger<ModbusClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Planner = new ModbusReadPlanner(options.MaxReadGap, options.MaxRegistersPerRead, options.MaxBitsPerRead);
    }

    public ModbusClientOptions Options => _options;

    /// <summary>The planner used by <see cref="ReadTagsAsync"/>; it remembers addresses the device rejects.</summary>
    public ModbusReadPlanner Planner { get; }

    /// <summary>True while a connection is open and in step.</summary>
    public bool IsConnected => _transport is { IsBroken: false };

    /// <summary>Opens the connection now rather than on the first request.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
        => await GetTransportAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_transport is not null)
            {
                await _transport.DisposeAsync().ConfigureAwait(false);
                _transport = null;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Sends a request and returns the reply PDU checked against it; the core of every operation.</summary>
    internal async Task<byte[]> ExecuteAsync(byte? unitId, ModbusRequest request, CancellationToken cancellationToken)
    {
        var unit = unitId ?? _options.UnitId;
        for (var attempt = 0; ; attempt++)
        {
            IModbusTransport? transport = null;
            try
            {
                transport = await GetTransportAsync(cancellationToken).ConfigureAwait(false);
                var reply = await transport.ExchangeAsync(unit, request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
                ModbusResponse.Validate(request, reply);
                Interlocked.Exchange(ref _consecutiveFailures, 0);
                return reply;
            }
            catch (ModbusException ex) when (ex.BreaksConnection)
            {
                await DiscardAsync(transport).ConfigureAwait(false);
                if (attempt >= _options.Retries)
                {
                    throw;
                }

                ModbusLog.Retrying(_logger, request.FunctionCode, _options.Endpoint, attempt + 1, ex.Reason);
            }
        }
    }

    private async Task<IModbusTransport> GetTransportAsync(CancellationToken cancellationToken)
    {
        var current = _transport;
        if (current is { IsBroken: false })
        {
            return current;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_transport is { IsBroken: false } open)
            {
                return open;
            }

            if (_transport is not null)
            {
                await _transport.DisposeAsync().ConfigureAwait(false);
                _transport = null;
            }

            var wait = TimeSpan.FromTicks(Interlocked.Read(ref _nextConnectAllowed) - _options.TimeProvider.GetUtcNow().UtcTicks);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                _transport = await OpenAsync(cancellationToken).ConfigureAwait(false);
                ModbusLog.Connected(_logger, _options.Endpoint);
                return _transport;
            }
            catch (ModbusException ex)
            {
                var delay = RecordFailure();
                ModbusLog.ConnectFailed(_logger, _options.Endpoint, ex.Reason, delay.TotalMilliseconds);
                throw;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<IModbusTransport> OpenAsync(CancellationToken cancellationToken)
    {
        switch (_options.Transport)
        {
            case ModbusTransportKind.Tcp:
                return await ModbusTcpTransport.ConnectAsync(_options.Host, _options.Port, _options.MaxRequestsInFlight, _options.ConnectTimeout, _logger, cancellationToken).ConfigureAwait(false);
            case ModbusTransportKind.RtuOverTcp:
                var socket = await ModbusSocket.ConnectAsync(_options.Host, _options.Port, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
                return new ModbusRtuTransport(new NetworkStream(socket, ownsSocket: true), () => socket.Available, _options.EffectiveInterFrameDelay, _options.Endpoint, _logger);
            default:
                if (!OperatingSystem.IsLinux())
                {
                    throw new ModbusException(ModbusErrorReason.ConnectionFailed, "RTU on a serial device is supported on Linux only.");
                }

                return OpenSerial();
        }
    }

    [SupportedOSPlatform("linux")]
    private ModbusRtuTransport OpenSerial()
    {
        var port = LinuxSerialPort.Open(_options.SerialPort, _options.Serial);
        return new ModbusRtuTransport(port, () => port.BytesAvailable, _options.EffectiveInterFrameDelay, _options.Endpoint, _logger);
    }

    private async Task DiscardAsync(IModbusTransport? transport)
    {
        if (transport is null)
        {
            return;
        }

        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // Requests that failed together on one connection count as one failure.
            if (ReferenceEquals(_transport, transport))
            {
                _transport = null;
                RecordFailure();
            }
        }
        finally
        {
            _connectLock.Release();
        }

        await transport.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Counts a failure and returns the backoff before the next connection attempt.</summary>
    private TimeSpan RecordFailure()
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        var factor = Math.Pow(2, Math.Min(failures - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.ReconnectDelay.Ticks * factor, _options.MaxReconnectDelay.Ticks));
        Interlocked.Exchange(ref _nextConnectAllowed, _options.TimeProvider.GetUtcNow().UtcTicks + delay.Ticks);
        return delay;
    }
}
