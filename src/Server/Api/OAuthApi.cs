using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// The OAuth2 token endpoint (RFC 6749 3.2, 4.4): <c>POST /api/v1/oauth/token</c>, form-encoded.
/// The client authenticates with <c>client_id</c> and <c>client_secret</c> in the body or with HTTP
/// Basic (RFC 6749 2.3.1), not both. Responses are never cached (5.1).
/// </summary>
public static class OAuthApi
{
    public const long MaxRequestBodySize = 4 * 1024;

    public static RouteGroupBuilder MapOAuthApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/oauth").WithTags("OAuth2");
        group.MapPost("/token", TokenAsync).WithName("IssueToken").AllowAnonymous().DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodySize));
        return group;
    }

    private static async Task<Results<Ok<TokenResponse>, BadRequest<TokenError>, JsonHttpResult<TokenError>>> TokenAsync(
        [FromForm(Name = "grant_type")] string? grantType,
        [FromForm(Name = "client_id")] string? clientId,
        [FromForm(Name = "client_secret")] string? clientSecret,
        [FromForm(Name = "scope")] string? scope,
        ClientCredentialsGrant grant,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        var basic = ReadBasic(context.Request);
        if (basic is { } credentials)
        {
            if (clientId is not null || clientSecret is not null)
            {
                return TypedResults.BadRequest(new TokenError(TokenError.InvalidRequest, "Use one client authentication method, not two."));
            }

            (clientId, clientSecret) = credentials;
        }

        var outcome = await grant.GrantAsync(grantType, clientId, clientSecret, scope, ApiPrincipal.RemoteAddress(context), cancellationToken);
        if (outcome.Response is { } response)
        {
            return TypedResults.Ok(response);
        }

        var error = outcome.Error!;
        if (error.Error == TokenError.InvalidClient)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"proxus\"";
            return TypedResults.Json(error, statusCode: StatusCodes.Status401Unauthorized);
        }

        return TypedResults.BadRequest(error);
    }

    /// <summary>HTTP Basic credentials, form-urlencoded inside (RFC 6749 2.3.1), or null.</summary>
    private static (string Id, string Secret)? ReadBasic(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { Length: <= 1024 } encoded)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (Uri.UnescapeDataString(text[..colon].Replace('+', ' ')), Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' ')));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
