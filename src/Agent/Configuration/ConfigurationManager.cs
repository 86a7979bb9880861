using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Proxus.Agent.Identity;
using Proxus.Core.Configuration;

namespace Proxus.Agent.Configuration;

/// <summary>
/// Keeps the agent on the newest valid configuration. At start it runs the stored envelope (so it
/// works offline after a reboot); it fetches from the server at start, when the server announces a
/// new version on the config topic (<see cref="Announce"/>) and on a slow periodic poll. A fetched
/// envelope is verified (signature, agent, validity, anti-rollback), stored atomically, then
/// applied without a restart, and the outcome is reported to the server. A rejected envelope
/// leaves the running configuration untouched.
/// </summary>
public sealed partial class ConfigurationManager
{
    private readonly ConfigStore _store;
    private readonly ConfigVerification _verification;
    private readonly Func<AgentConfiguration, CancellationToken, Task> _apply;
    private readonly Func<ServerApiClient> _server;
    private readonly ILogger<ConfigurationManager> _logger;
    private readonly TimeSpan _pollInterval;
    private readonly Channel<bool> _announcements = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _appliedVersion;
    private AgentConfiguration? _applied;
    private string? _lastError;

    public ConfigurationManager(ConfigStore store, ConfigVerification verification, Func<AgentConfiguration, CancellationToken, Task> apply, Func<ServerApiClient> server, ILogger<ConfigurationManager> logger, TimeSpan pollInterval)
    {
        _store = store;
        _verification = verification;
        _apply = apply;
        _server = server;
        _logger = logger;
        _pollInterval = pollInterval;
    }

    /// <summary>Raised after a fetched envelope was applied or rejected, before the outcome is reported to the server.</summary>
    public event EventHandler? OutcomeChanged;

    /// <summary>The version running now; null before the first.</summary>
    public long? AppliedVersion
    {
        get
        {
            var version = Interlocked.Read(ref _appliedVersion);
            return version == 0 ? null : version;
        }
    }

    /// <summary>The configuration running now (the one commands are checked against); null before the first.</summary>
    public AgentConfiguration? Applied => Volatile.Read(ref _applied);

    /// <summary>The last fetch or verification failure; null after a success.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Runs the stored envelope, if there is a valid one; returns its version.</summary>
    public async Task<long?> LoadStoredAsync(CancellationToken cancellationToken)
    {
        var envelope = _store.Load();
        if (envelope is null)
        {
            LogNoStoredConfiguration(_logger);
            return null;
        }

        var result = _verification.VerifyStored(envelope);
        if (!result.Succeeded)
        {
            SetError($"the stored configuration is not valid: {result.Failure}: {result.Message}");
            LogStoredRejected(_logger, result.Failure, result.Message);
            return null;
        }

        await ApplyAsync(result.Envelope, cancellationToken).ConfigureAwait(false);
        return result.Envelope.Header.Version;
    }

    /// <summary>The server announced a new version: fetch soon.</summary>
    public void Announce() => _announcements.Writer.TryWrite(true);

    /// <summary>Fetches at once and then on every announcement or poll interval until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await FetchOnceAsync(cancellationToken).ConfigureAwait(false);
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            poll.CancelAfter(_pollInterval);
            try
            {
                await _announcements.Reader.ReadAsync(poll.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Poll interval elapsed.
            }
        }
    }

    /// <summary>One fetch from the server; failures are logged and kept for the status, never thrown.</summary>
    public async Task FetchOnceAsync(CancellationToken cancellationToken)
    {
        byte[]? envelope;
        try
        {
            using var server = _server();
            envelope = await server.GetConfigurationAsync(AppliedVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or ServerApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            SetError("cannot fetch the configuration: " + exception.Message);
            LogFetchFailed(_logger, exception.Message);
            return;
        }

        if (envelope is not null)
        {
            await OfferAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Verifies, stores, applies and reports an envelope from the server. Returns whether it was applied.</summary>
    public async Task<bool> OfferAsync(byte[] envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        ConfigVerificationResult result;
        try
        {
            result = _verification.VerifyFresh(envelope, AppliedVersion);
            if (result.Succeeded)
            {
                _store.Save(envelope);
                await ApplyAsync(result.Envelope, cancellationToken).ConfigureAwait(false);
                SetError(null);
            }
        }
        finally
        {
            _gate.Release();
        }

        var version = result.Succeeded ? result.Envelope.Header.Version : ReadVersion(envelope);
        if (!result.Succeeded)
        {
            if (result.Failure == ConfigVerificationFailure.Rollback && version == AppliedVersion)
            {
                return false;
            }

            SetError($"configuration version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} rejected: {result.Failure}: {result.Message}");
            LogRejected(_logger, version, result.Failure, result.Message);
        }

        OutcomeChanged?.Invoke(this, EventArgs.Empty);
        if (version is { } reported and > 0)
        {
            await ReportAsync(reported, result.Succeeded, result.Succeeded ? null : $"{result.Failure}: {result.Message}", cancellationToken).ConfigureAwait(false);
        }

        return result.Succeeded;
    }

    private async Task ApplyAsync(ConfigEnvelope envelope, CancellationToken cancellationToken)
    {
        await _apply(envelope.Configuration, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _applied, envelope.Configuration);
        Interlocked.Exchange(ref _appliedVersion, envelope.Header.Version);
        LogApplied(_logger, envelope.Header.Version, envelope.Configuration.Connections.Count, envelope.Configuration.Tags.Count);
    }

    private async Task ReportAsync(long version, bool applied, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            using var server = _server();
            await server.ReportConfigurationAsync(version, applied, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or ServerApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogReportFailed(_logger, version, exception.Message);
        }
    }

    private void SetError(string? error) => Volatile.Write(ref _lastError, error);

    /// <summary>The version the header claims, read leniently (for reporting a rejection of an envelope that did not verify).</summary>
    private static long? ReadVersion(byte[] envelope)
    {
        try
        {
            var reader = new Utf8JsonReader(envelope, new JsonReaderOptions { MaxDepth = 16 });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("version"u8)
                    && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var version))
                {
                    return version;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
