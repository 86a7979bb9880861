using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Data;
using Proxus.Server.Identity;
using Proxus.Server.Pki;

namespace Proxus.Server.Mqtt;

/// <summary>
/// Authenticates enterprise consumers (OAuth2 machine clients) at CONNECT, as read-only UNS
/// identities (<see cref="MachineClientMqttIdentity"/>):
/// <list type="bullet">
/// <item>by access token: user name = the <c>client_id</c>, password = the JWT from
/// <c>POST /api/v1/oauth/token</c>; the token must validate (<see cref="AccessTokenService"/>), be the
/// client's, hold <c>uns.read</c>, and its client must be active with the secret version it was issued under;</item>
/// <item>by a client certificate our CA issued to the client (URI <c>urn:proxus:client:{id}</c>); the
/// client must be active and allowed <c>uns.read</c>.</item>
/// </list>
/// The MQTT client id must be the <c>client_id</c>, or start with it followed by <c>-</c> (several
/// consumers of one client), so a consumer can never take over an agent's or another client's session.
/// Refusals: 0x86 Bad user name or password for a token that is not valid (expired, forged, another
/// audience, issuer or type, a revoked client, a rotated secret), 0x87 Not authorized for a valid
/// credential without <c>uns.read</c> or a refused certificate, 0x85 for a foreign client id.
/// </summary>
internal sealed class MachineClientAuthenticator(
    AccessTokenService tokens,
    IAgentIdentityResolver certificates,
    IDbContextFactory<ProxusDbContext> contexts,
    MachineClientSessionRegistry sessions)
{
    /// <summary>True when the CONNECT carries a token: a <c>client_id</c> as user name and a password.</summary>
    public static bool PresentsToken(MqttAuthenticationContext context, out Guid clientId)
    {
        clientId = Guid.Empty;
        return context.ClientCertificate is null
            && context.Password is { IsEmpty: false }
            && Guid.TryParseExact(context.Username, "D", out clientId);
    }

    public async Task<(MachineClientMqttIdentity? Identity, string? Failure, MqttReasonCode ReasonCode)> AuthenticateTokenAsync(
        MqttAuthenticationContext context, Guid userName, CancellationToken cancellationToken)
    {
        var password = context.Password!.Value;
        if (password.Length > AccessTokenService.MaxTokenLength)
        {
            return Refused("TokenTooLong", MqttReasonCode.BadUserNameOrPassword);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(password.Span);
        }
        catch (DecoderFallbackException)
        {
            return Refused("TokenMalformed", MqttReasonCode.BadUserNameOrPassword);
        }

        var validation = await tokens.ValidateWithOutcomeAsync(text, "mqtt");
        if (!validation.IsValid)
        {
            return Refused("Token" + validation.Failure, MqttReasonCode.BadUserNameOrPassword);
        }

        var claims = validation.Identity;
        if (!Guid.TryParseExact(claims.FindFirst(ProxusClaimTypes.ClientId)?.Value, "D", out var clientId) || clientId != userName
            || !int.TryParse(claims.FindFirst(ProxusClaimTypes.SecretVersion)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var secretVersion))
        {
            return Refused("TokenNotForUserName", MqttReasonCode.BadUserNameOrPassword);
        }

        var client = await FindActiveAsync(clientId, cancellationToken);
        if (client is null || client.Value.SecretVersion != secretVersion)
        {
            return Refused("ClientRevokedOrSecretRotated", MqttReasonCode.BadUserNameOrPassword);
        }

        var scopes = claims.FindFirst(ProxusClaimTypes.Scope)?.Value ?? string.Empty;
        if (!HasUnsRead(scopes))
        {
            return Refused("ScopeMissing", MqttReasonCode.NotAuthorized);
        }

        return Accept(context, new MachineClientMqttIdentity(clientId, null, secretVersion, validation.ExpiresAt));
    }

    public async Task<(MachineClientMqttIdentity? Identity, string? Failure, MqttReasonCode ReasonCode)> AuthenticateCertificateAsync(
        MqttAuthenticationContext context, CancellationToken cancellationToken)
    {
        var resolved = await certificates.ResolveMachineClientAsync(context.ClientCertificate!, cancellationToken);
        if (!resolved.IsValid)
        {
            return Refused(resolved.Rejection.ToString()!, MqttReasonCode.NotAuthorized);
        }

        var clientId = resolved.ClientId.Value;
        var client = await FindActiveAsync(clientId, cancellationToken);
        if (client is null)
        {
            return Refused("ClientRevoked", MqttReasonCode.NotAuthorized);
        }

        if (!HasUnsRead(client.Value.Scopes))
        {
            return Refused("ScopeMissing", MqttReasonCode.NotAuthorized);
        }

        return Accept(context, new MachineClientMqttIdentity(clientId, resolved.SerialNumber, null, resolved.NotAfter));
    }

    private (MachineClientMqttIdentity?, string?, MqttReasonCode) Accept(MqttAuthenticationContext context, MachineClientMqttIdentity identity)
    {
        var own = identity.ClientId.ToString("D");
        var clientId = context.ClientId;
        if (!(string.Equals(clientId, own, StringComparison.Ordinal)
            || (clientId.Length > own.Length + 1 && clientId.StartsWith(own + "-", StringComparison.Ordinal))))
        {
            return Refused("ClientIdMismatch", MqttReasonCode.ClientIdentifierNotValid);
        }

        sessions.Register(identity);
        return (identity, null, MqttReasonCode.Success);
    }

    private async Task<(string Scopes, int SecretVersion)?> FindActiveAsync(Guid clientId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.MachineClients.AsNoTracking().Where(c => c.Id == clientId && c.RevokedAt == null)
            .Select(c => new { c.Scopes, c.SecretVersion }).SingleOrDefaultAsync(cancellationToken);
        return client is null ? null : (client.Scopes, client.SecretVersion);
    }

    private static bool HasUnsRead(string scopes) => scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(Scopes.UnsRead, StringComparer.Ordinal);

    private static (MachineClientMqttIdentity?, string?, MqttReasonCode) Refused(string failure, MqttReasonCode reasonCode) => (null, failure, reasonCode);
}
