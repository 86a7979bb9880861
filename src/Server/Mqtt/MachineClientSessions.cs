using Proxus.Mqtt.Broker;
using Proxus.Server.Identity;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Ends machine clients' MQTT sessions when their credentials end: at the expiry of the token or
/// certificate they connected with (checked every <see cref="SweepInterval"/>), at once when the
/// client is revoked (every session, token or certificate), and at once when its secret is rotated
/// (sessions opened with tokens issued under the older secret). Closed with DISCONNECT 0x98
/// Administrative action, sessions discarded. Identities are registered when accepted and
/// forgotten when their expiry has been enforced.
/// </summary>
internal sealed partial class MachineClientSessions(MqttBroker broker, MachineClientSessionRegistry registry, TimeProvider timeProvider, ILogger<MachineClientSessions> logger) : BackgroundService, IMachineClientListener
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    public Task OnRevokedAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var closed = Close(identity => identity.ClientId == clientId, $"revoked machine client {clientId:D}");
        LogClosed(logger, clientId, "revoked", closed);
        return Task.CompletedTask;
    }

    public Task OnSecretRotatedAsync(Guid clientId, int secretVersion, CancellationToken cancellationToken)
    {
        var closed = Close(identity => identity.ClientId == clientId && identity.SecretVersion < secretVersion, $"rotated secret of machine client {clientId:D}");
        LogClosed(logger, clientId, "secret rotated", closed);
        return Task.CompletedTask;
    }

    /// <summary>Closes the sessions whose credential has expired; returns how many identities expired.</summary>
    internal int CloseExpired()
    {
        var now = timeProvider.GetUtcNow();
        var expired = registry.Take(identity => identity.ExpiresAt <= now);
        foreach (var identity in expired)
        {
            var closed = broker.DisconnectIdentities(other => other.Equals(identity), identity.Actor + " (credential expired)");
            if (closed > 0)
            {
                LogClosed(logger, identity.ClientId, "credential expired", closed);
            }
        }

        return expired.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                CloseExpired();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private int Close(Func<MachineClientMqttIdentity, bool> match, string description)
    {
        registry.Take(match);
        return broker.DisconnectIdentities(identity => identity is MachineClientMqttIdentity client && match(client), description);
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Machine client {ClientId} {Cause}: {Count} MQTT connection(s) closed")]
    private static partial void LogClosed(ILogger logger, Guid clientId, string cause, int count);
}
