using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Proxus.Drivers.S7;

/// <summary>
/// An S7comm client for S7-300/400/1200/1500 PLCs (PUT/GET) over ISO-on-TCP. It connects on first
/// use, splits many items over as few PDUs as fit, and replaces a connection that went out of step,
/// reconnecting with exponential backoff. Operations are serialized; the client is thread-safe.
/// </summary>
public sealed partial class S7Client : IAsyncDisposable
{
    private readonly S7ClientOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private S7Connection? _connection;
    private int _consecutiveFailures;
    private bool _disposed;

    public S7Client(S7ClientOptions options, ILogger<S7Client>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The PDU size granted by the PLC on the current connection; 0 while disconnected.</summary>
    public int PduSize => _connection is { IsBroken: false } connection ? connection.PduSize : 0;

    public bool IsConnected => _connection is { IsBroken: false };

    /// <summary>Connects now instead of on first use; throws <see cref="S7Exception"/> when the PLC is unreachable or refuses.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await DropConnectionAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
    }

    /// <summary>Runs one exchange under the gate, on a fresh connection when needed, retrying as the options allow.</summary>
    private async Task<T> RunAsync<T>(Func<S7Connection, CancellationToken, Task<T>> operation, bool idempotent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                S7Connection connection;
                try
                {
                    connection = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (S7Exception exception) when (attempt < _options.RetryCount)
                {
                    LogRetrying(_logger, attempt + 1, exception.Reason);
                    continue;
                }

                try
                {
                    var result = await operation(connection, cancellationToken).ConfigureAwait(false);
                    _consecutiveFailures = 0;
                    return result;
                }
                catch (Exception exception) when (connection.IsBroken)
                {
                    _consecutiveFailures++;
                    var reason = (exception as S7Exception)?.Reason;
                    LogConnectionBroken(_logger, _options.Host, _options.Port, reason, exception.Message);
                    await DropConnectionAsync().ConfigureAwait(false);
                    if (!idempotent || attempt >= _options.RetryCount || exception is not S7Exception)
                    {
                        throw;
                    }

                    LogRetrying(_logger, attempt + 1, reason);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<S7Connection> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is { IsBroken: false } current)
        {
            return current;
        }

        await DropConnectionAsync().ConfigureAwait(false);
        if (_consecutiveFailures > 0)
        {
            await Task.Delay(BackoffDelay(_consecutiveFailures, _options.ReconnectDelay, _options.MaxReconnectDelay), cancellationToken).ConfigureAwait(false);
        }

        try
        {
            _connection = await S7Connection.OpenAsync(_options, cancellationToken).ConfigureAwait(false);
        }
        catch (S7Exception exception)
        {
            _consecutiveFailures++;
            LogConnectFailed(_logger, _options.Host, _options.Port, exception.Reason, exception.Message);
            throw;
        }

        LogConnected(_logger, _options.Host, _options.Port, _connection.PduSize);
        return _connection;
    }

    /// <summary>Exponential backoff: <paramref name="initial"/> after the first failure, doubling, capped at <paramref name="maximum"/>.</summary>
    internal static TimeSpan BackoffDelay(int failures, TimeSpan initial, TimeSpan maximum)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, maximum.Ticks));
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "S7 connected to {Host}:{Port}, PDU size {PduSize}")]
    private static partial void LogConnected(ILogger logger, string host, int port, int pduSize);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "S7 connection to {Host}:{Port} failed ({Reason}): {Detail}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, S7ErrorReason reason, string detail);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "S7 connection to {Host}:{Port} discarded ({Reason}): {Detail}")]
    private static partial void LogConnectionBroken(ILogger logger, string host, int port, S7ErrorReason? reason, string detail);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "S7 request retry {Attempt} after {Reason}")]
    private static partial void LogRetrying(ILogger logger, int attempt, S7ErrorReason? reason);
}
