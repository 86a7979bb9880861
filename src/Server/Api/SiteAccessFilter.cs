using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>
/// The object-level check of every endpoint under <c>/sites/{id:guid}</c> that answers for one
/// site: a site outside the caller's sites (<see cref="SiteAccess"/>) answers 404 like one that does
/// not exist, before the handler reads the request.
/// </summary>
internal sealed class SiteAccessFilter : IEndpointFilter
{
    public const string RouteValue = "id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var siteId = http.Request.RouteValues[RouteValue] is string text && Guid.TryParse(text, out var id)
            ? id
            : throw new InvalidOperationException($"{nameof(SiteAccessFilter)} guards routes with an {{{RouteValue}:guid}} segment; {http.Request.Path} has none.");
        var access = http.RequestServices.GetRequiredService<SiteAccess>();
        return await access.CanSeeAsync(http.User, siteId, http.RequestAborted) ? await next(context) : TypedResults.NotFound();
    }
}
