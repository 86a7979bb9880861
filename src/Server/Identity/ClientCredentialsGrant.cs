using System.Globalization;
using Proxus.Server.Audit;

namespace Proxus.Server.Identity;

/// <summary>
/// The OAuth2 client-credentials grant (RFC 6749 4.4): authenticates the client by its secret,
/// grants the requested scopes if the client holds all of them (every scope it holds when none are
/// requested) and issues a short-lived access token. Issues and refusals are audited; a token is
/// handed out only after its audit entry is written.
/// </summary>
public sealed class ClientCredentialsGrant(MachineClientService clients, AccessTokenService tokens, AuditLog audit)
{
    public const string GrantType = "client_credentials";

    public async Task<TokenGrantOutcome> GrantAsync(string? grantType, string? clientId, string? clientSecret, string? scope, string remoteAddress, CancellationToken cancellationToken)
    {
        var actor = $"anonymous@{remoteAddress}";
        if (grantType is null || clientId is null || clientSecret is null)
        {
            return Refused(TokenError.InvalidRequest, "grant_type, client_id and client_secret are required.");
        }

        if (!grantType.Equals(GrantType, StringComparison.Ordinal))
        {
            return Refused(TokenError.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        var client = await clients.AuthenticateAsync(clientId, clientSecret, cancellationToken);
        if (client is null)
        {
            return await RejectAsync(actor, clientId, TokenError.InvalidClient, "Client authentication failed.", cancellationToken);
        }

        actor = MachineClientService.Subject(client.Id) + "@" + remoteAddress;
        var held = client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!Scopes.TryParse(scope, out var requested) || requested.Any(s => !held.Contains(s, StringComparer.Ordinal)))
        {
            return await RejectAsync(actor, clientId, TokenError.InvalidScope, "The requested scope is unknown or not granted to this client.", cancellationToken);
        }

        var granted = requested.Count == 0 ? held : requested;
        var (token, expiresAt) = tokens.Issue(client, granted);
        var data = new Dictionary<string, string?> { ["scope"] = string.Join(' ', granted), ["expires"] = expiresAt.ToString("O", CultureInfo.InvariantCulture) };
        await audit.AppendAsync(new AuditEvent(IamAuditEventTypes.TokenIssued, actor, MachineClientService.Subject(client.Id), data), cancellationToken);
        return new TokenGrantOutcome(new TokenResponse(token, "Bearer", (int)tokens.Lifetime.TotalSeconds, string.Join(' ', granted)), null);
    }

    private static TokenGrantOutcome Refused(string error, string description) => new(null, new TokenError(error, description));

    private async Task<TokenGrantOutcome> RejectAsync(string actor, string clientId, string error, string description, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string?> { ["error"] = error };
        await audit.AppendAsync(new AuditEvent(IamAuditEventTypes.TokenRejected, actor, $"client:{clientId}", data), cancellationToken);
        return Refused(error, description);
    }
}
