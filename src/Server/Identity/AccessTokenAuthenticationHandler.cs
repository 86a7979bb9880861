using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Identity;

/// <summary>
/// The <c>Bearer</c> scheme (RFC 6750) for machine clients: the token must validate
/// (<see cref="AccessTokenService.ValidateAsync"/>) and its client must still be active with the
/// same secret version — checked in the database on every request, so a revoked client or a
/// rotated secret stops its tokens at once. Challenges answer 401 with <c>error="invalid_token"</c>,
/// forbidden requests 403 with <c>error="insufficient_scope"</c>.
/// </summary>
internal sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenService tokens,
    MachineClientService clients) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await tokens.ValidateAsync(header[Prefix.Length..].Trim(), SchemeName);
        if (identity is null
            || !Guid.TryParseExact(identity.FindFirst(ProxusClaimTypes.ClientId)?.Value, "D", out var clientId)
            || !int.TryParse(identity.FindFirst(ProxusClaimTypes.SecretVersion)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return AuthenticateResult.Fail("The access token is invalid.");
        }

        if (!await clients.IsActiveAsync(clientId, version, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("The access token's client is revoked or its secret was rotated.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0 ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        return Task.CompletedTask;
    }
}
