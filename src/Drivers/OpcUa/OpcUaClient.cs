using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Client;
using Proxus.Drivers.OpcUa.Pki;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa;

/// <summary>
/// An OPC UA client over UA TCP binary (Parts 4 and 6): one secure channel and one session, kept alive
/// and recovered on its own (session re-activation, or a new session with its subscriptions
/// transferred or recreated). Every failure surfaces as an <see cref="OpcUaException"/>.
/// </summary>
public sealed partial class OpcUaClient : IAsyncDisposable
{
    private readonly OpcUaClientOptions _options;
    private readonly ILogger _logger;
    private readonly CertificateStore _store;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly List<OpcUaSubscription> _subscriptions = [];
    private readonly UaEncodingLimits _encodingLimits;
    private X509Certificate2? _clientCertificate;
    private EndpointDescription? _endpoint;
    private SessionContext? _session;
    private TaskCompletionSource<SessionContext> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _supervisor = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;
    private uint _requestHandle;
    private int _reconnectCount;
    private int _disposed;

    private OpcUaClient(OpcUaClientOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _store = new CertificateStore(options.PkiDirectory);
        _encodingLimits = UaEncodingLimits.Default with { MaxByteStringLength = options.MaxMessageSize, MaxStringLength = options.MaxMessageSize };
    }

    public OpcUaConnectionState State { get; private set; } = OpcUaConnectionState.Reconnecting;

    /// <summary>How many times the client has recovered from a lost connection or session.</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnectCount);

    /// <summary>The endpoint the client selected from GetEndpoints.</summary>
    public EndpointDescription Endpoint => _endpoint ?? throw new InvalidOperationException("Not connected.");

    /// <summary>The server's operation limits, read after the session was activated (0 = no limit).</summary>
    public OperationLimits Limits { get; private set; } = OperationLimits.Unlimited;

    internal NodeId? SessionId => _session?.SessionId;

    internal uint SecureChannelTokenId => _session?.Channel.TokenId ?? 0;

    /// <summary>
    /// Discovers the endpoints, selects the one matching the options' policy and mode, validates the server
    /// certificate against the trust list, opens the secure channel, and creates and activates a session.
    /// </summary>
    public static async Task<OpcUaClient> ConnectAsync(OpcUaClientOptions options, ILogger<OpcUaClient>? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var client = new OpcUaClient(options, logger ?? (ILogger)NullLogger.Instance);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout * 3);
            var (session, _) = await client.EstablishAsync(previous: null, timeout.Token).ConfigureAwait(false);
            client.Activate(session);
            client.Limits = await client.ReadOperationLimitsAsync(cancellationToken).ConfigureAwait(false);
            client._supervisor = client.SuperviseAsync();
            client._keepAlive = client.KeepAliveAsync();
            return client;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new OpcUaException(StatusCode.BadTimeout, $"Connecting to {options.EndpointUrl} took longer than {(options.RequestTimeout * 3).TotalSeconds:F0} s.", ex);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Deletes the subscriptions, closes the session and the secure channel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        State = OpcUaConnectionState.Closed;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _ready.TrySetException(new OpcUaException(StatusCode.BadNotConnected, "The client was disposed."));
        await AwaitQuietly(_supervisor).ConfigureAwait(false);
        await AwaitQuietly(_keepAlive).ConfigureAwait(false);
        OpcUaSubscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.StopAsync().ConfigureAwait(false);
        }

        var session = _session;
        if (session is not null && session.Channel.IsOpen)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.RequestTimeout);
                await SendAsync<CloseSessionResponse>(session, new CloseSessionRequest(DeleteSubscriptions: true), _options.RequestTimeout, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OpcUaException or OperationCanceledException)
            {
                LogCloseSessionFailed(_logger, ex.Message);
            }

            await session.Channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _clientCertificate?.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Sends a request on the current session (waiting while the client reconnects) and decodes the response.</summary>
    internal async Task<T> CallAsync<T>(IUaRequest request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        where T : IUaResponse<T>
    {
        var limit = timeout ?? _options.RequestTimeout;
        var session = await GetSessionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAsync<T>(session, request, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaException ex) when (IsSessionLost(ex.StatusCode))
        {
            await AbandonAsync(session, ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Like <see cref="CallAsync{T}"/>, retried once after a recovery for idempotent services.</summary>
    internal async Task<T> CallIdempotentAsync<T>(IUaRequest request, CancellationToken cancellationToken)
        where T : IUaResponse<T>
    {
        try
        {
            return await CallAsync<T>(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OpcUaException ex) when (_options.AutoReconnect && (IsSessionLost(ex.StatusCode) || IsChannelLost(ex.StatusCode)))
        {
            return await CallAsync<T>(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> SendAsync<T>(SessionContext session, IUaRequest request, TimeSpan timeout, CancellationToken cancellationToken)
        where T : IUaResponse<T>
    {
        byte[] response;
        var handle = Interlocked.Increment(ref _requestHandle);
        using (var writer = new UaBinaryWriter())
        {
            UaResponseDecoder.EncodeRequest(writer, request, session.AuthenticationToken, handle, (uint)timeout.TotalMilliseconds);
            response = await session.Channel.RequestAsync(writer.WrittenMemory, timeout, cancellationToken).ConfigureAwait(false);
        }

        return UaResponseDecoder.Decode<T>(response, _encodingLimits, handle);
    }

    private async Task<SessionContext> GetSessionAsync(CancellationToken cancellationToken)
    {
        var session = _session;
        if (session is not null && session.Channel.IsOpen)
        {
            return session;
        }

        if (State == OpcUaConnectionState.Closed)
        {
            throw new OpcUaException(StatusCode.BadNotConnected, "The client is closed.");
        }

        try
        {
            return await _ready.Task.WaitAsync(_options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new OpcUaException(StatusCode.BadNotConnected, $"Not reconnected to {_options.EndpointUrl} within {_options.RequestTimeout.TotalSeconds:F0} s.", ex);
        }
    }

    private static bool IsSessionLost(StatusCode status)
        => status.Is(StatusCode.BadSessionIdInvalid) || status.Is(StatusCode.BadSessionClosed) || status.Is(StatusCode.BadSessionNotActivated);

    private static bool IsChannelLost(StatusCode status)
        => status.Is(StatusCode.BadSecureChannelClosed) || status.Is(StatusCode.BadConnectionClosed) || status.Is(StatusCode.BadNotConnected)
        || status.Is(StatusCode.BadSecureChannelIdInvalid) || status.Is(StatusCode.BadTimeout) || status.Is(StatusCode.BadCommunicationError);

    private static async Task AwaitQuietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or OpcUaException)
        {
            // Shutting down.
        }
    }
}
