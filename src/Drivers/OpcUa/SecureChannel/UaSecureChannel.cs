using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Services;
using Proxus.Drivers.OpcUa.Transport;

namespace Proxus.Drivers.OpcUa.SecureChannel;

/// <summary>
/// A secure channel over one UA TCP connection (Part 6 section 6.7): opens it with an asymmetric
/// OpenSecureChannel, renews the token at 75 % of its lifetime, chunks, signs and encrypts requests,
/// and reassembles, verifies and decrypts responses. Any protocol or security violation breaks the
/// channel for good; <see cref="Closed"/> then completes with the reason.
/// </summary>
internal sealed partial class UaSecureChannel : IAsyncDisposable
{
    private readonly UaTcpConnection _connection;
    private readonly SecureChannelSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource<OpcUaException> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private Timer? _renewTimer;
    private uint _channelId;
    private ChannelToken? _token;
    private ChannelToken? _previousToken;
    private byte[]? _openNonce;
    private uint _sendSequence;
    private uint _lastRequestId;
    private uint? _lastReceivedSequence;
    private int _disposed;

    private UaSecureChannel(UaTcpConnection connection, SecureChannelSettings settings, ILogger logger)
    {
        _connection = connection;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Completes, with the reason, when the channel is closed or broken.</summary>
    public Task<OpcUaException> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>The token in use for sending (exposed for diagnostics and tests).</summary>
    public uint TokenId => _token?.TokenId ?? 0;

    public static async Task<UaSecureChannel> OpenAsync(UaTcpConnection connection, SecureChannelSettings settings, ILogger logger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var channel = new UaSecureChannel(connection, settings, logger);
        channel._receiveLoop = Task.Run(channel.ReceiveLoopAsync, CancellationToken.None);
        try
        {
            await channel.OpenTokenAsync(renew: false, timeout, cancellationToken).ConfigureAwait(false);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends an encoded request (type id, header, body) and returns the reassembled response.</summary>
    public Task<byte[]> RequestAsync(ReadOnlyMemory<byte> message, TimeSpan timeout, CancellationToken cancellationToken)
        => SendAndWaitAsync(MessageType.Message, message, timeout, cancellationToken);

    /// <summary>Sends CloseSecureChannel (best effort) and closes the connection.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (IsOpen && _token is not null)
        {
            try
            {
                using var writer = new UaBinaryWriter(128);
                UaResponseDecoder.EncodeRequest(writer, new CloseSecureChannelRequest(), null, 0, 1000);
                await SendSymmetricAsync(MessageType.CloseSecureChannel, NextRequestId(), writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
            catch (OpcUaException ex)
            {
                LogCloseFailed(_logger, ex.StatusCode.Name);
            }
        }

        Fault(new OpcUaException(StatusCode.BadSecureChannelClosed, "The secure channel was closed by the client."));
        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Fault(new OpcUaException(StatusCode.BadSecureChannelClosed, "The secure channel was disposed."));
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        if (_renewTimer is not null)
        {
            await _renewTimer.DisposeAsync().ConfigureAwait(false);
        }

        _token?.Dispose();
        _previousToken?.Dispose();
        _shutdown.Dispose();
    }

    private async Task<byte[]> SendAndWaitAsync(MessageType type, ReadOnlyMemory<byte> message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            var reason = _closed.Task.Result;
            throw new OpcUaException(reason.StatusCode, reason.Detail, reason);
        }

        var requestId = NextRequestId();
        var pending = new PendingRequest();
        _pending[requestId] = pending;
        try
        {
            if (type == MessageType.OpenSecureChannel)
            {
                await SendAsymmetricAsync(requestId, message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendSymmetricAsync(type, requestId, message, cancellationToken).ConfigureAwait(false);
            }

            return await pending.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new OpcUaException(StatusCode.BadTimeout, $"No response within {timeout.TotalMilliseconds:F0} ms.");
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    private uint NextRequestId()
    {
        var id = Interlocked.Increment(ref _lastRequestId);
        return id == 0 ? Interlocked.Increment(ref _lastRequestId) : id;
    }

    /// <summary>Breaks the channel: fails every pending request with the reason and stops the timers.</summary>
    private void Fault(OpcUaException reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _renewTimer?.Change(Timeout.Infinite, Timeout.Infinite);
        foreach (var (id, pending) in _pending)
        {
            pending.Completion.TrySetException(new OpcUaException(reason.StatusCode, reason.Detail, reason));
            _pending.TryRemove(id, out _);
        }

        if (!reason.StatusCode.Is(StatusCode.BadSecureChannelClosed))
        {
            LogChannelBroken(_logger, _channelId, reason.StatusCode.Name, reason.Detail);
        }

        _shutdown.Cancel();
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Secure channel {ChannelId} opened ({Policy}, {Mode}), token {TokenId} valid {Lifetime} ms")]
    private static partial void LogOpened(ILogger logger, uint channelId, string policy, MessageSecurityMode mode, uint tokenId, double lifetime);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Debug, Message = "Secure channel {ChannelId} renewed: token {TokenId}")]
    private static partial void LogRenewed(ILogger logger, uint channelId, uint tokenId);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Secure channel {ChannelId} broken: {Status} {Reason}")]
    private static partial void LogChannelBroken(ILogger logger, uint channelId, string status, string reason);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Debug, Message = "CloseSecureChannel could not be sent: {Status}")]
    private static partial void LogCloseFailed(ILogger logger, string status);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Debug, Message = "Dropped a response to request {RequestId} that nobody waits for any more")]
    private static partial void LogUnexpectedResponse(ILogger logger, uint requestId);
}
