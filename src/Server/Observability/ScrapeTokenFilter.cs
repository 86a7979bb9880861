using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Proxus.Server.Observability;

/// <summary>
/// Admits a scrape presenting <c>Authorization: Bearer</c> with the configured scrape token (compared
/// in constant time), or any scrape when <see cref="MetricsOptions.AllowAnonymous"/> is set. Anything
/// else gets 401 with a Bearer challenge; with no token configured every scrape is refused.
/// </summary>
public sealed class ScrapeTokenFilter(IOptions<MetricsOptions> options) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    private readonly byte[]? _expected = options.Value.ScrapeToken is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;

    private readonly bool _anonymous = options.Value.AllowAnonymous;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_anonymous || IsAuthorized(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"metrics\"";
        return ValueTask.FromResult<object?>(TypedResults.Unauthorized());
    }

    private bool IsAuthorized(string header)
    {
        if (_expected is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, _expected);
    }
}
