using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Server.Identity;
using Proxus.Web.Components;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

public static class PortalHostingExtensions
{
    /// <summary>
    /// The management portal (<c>src/Web</c>): Razor components rendered on the server per request
    /// (static server-side rendering: the cookie check of IAM rebuilds the principal from the
    /// database on every request) and the server's services behind the portal's interfaces. Call
    /// after <c>AddProxusTrust</c> and <c>AddProxusTelemetry</c>.
    /// </summary>
    public static WebApplicationBuilder AddProxusPortal(this WebApplicationBuilder builder)
    {
        // Serves the portal's files from the build output too (the demo, the tests); a published
        // server has them under wwwroot and no manifest, which makes this a no-op.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<PortalAuthorization>();
        services.AddScoped<IPortalAccount, PortalAccount>();
        services.AddScoped<IFleetDirectory, FleetDirectory>();
        services.AddScoped<IIdentityDirectory, IdentityDirectory>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IUnsExplorer, UnsExplorer>();
        services.AddSingleton<TagMapUploadStash>();
        services.AddScoped<ITagMapDirectory, TagMapDirectory>();
        services.AddScoped<IControlWrites, ControlWrites>();
        services.AddScoped<IAlertBoard, AlertBoard>();
        return builder;
    }

    /// <summary>
    /// The portal's pages, static assets and sign-out endpoint, behind the anti-forgery middleware
    /// (every form post carries a token). The page endpoints are open to the authorization
    /// middleware (they render the sign-in redirect or the 403 page themselves); every page
    /// authorizes by role with the IAM policies (<see cref="PortalPolicies"/>).
    /// </summary>
    public static WebApplication MapProxusPortal(this WebApplication endpoints)
    {
        endpoints.UseAntiforgery();
        endpoints.MapStaticAssets().AllowAnonymous();
        endpoints.MapRazorComponents<App>().AllowAnonymous();
        endpoints.MapPost("/account/logout", SignOutAsync).RequireAuthorization(IamPolicies.Session)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();

        // An address that is no page (a typo, an old bookmark) reaches this, not the fallback
        // authorization policy, which would answer an empty 401/403 (the API has its own, ApiEndpoints).
        endpoints.MapFallback("{**path:nonfile}", PageNotFound).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// A signed-in user gets the portal's "Page not found" page (404, with a way back); an anonymous
    /// visitor is sent to sign in first and comes back here, which then answers as for a signed-in
    /// user, so an address outside the portal is never confirmed or denied to someone not signed in.
    /// </summary>
    private static IResult PageNotFound(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            return TypedResults.NotFound();
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            var returnUrl = context.Request.Path.Add(context.Request.QueryString);
            return TypedResults.LocalRedirect("~/login?returnUrl=" + Uri.EscapeDataString(returnUrl.ToString()));
        }

        // The portal renders its not-found page for this request; the browser keeps the address typed.
        context.Request.Path = "/not-found";
        return new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound };
    }

    private static async Task<RedirectHttpResult> SignOutAsync(IPortalAccount account, HttpContext context)
    {
        await account.SignOutAsync(context.User, context.RequestAborted);
        return TypedResults.LocalRedirect("~/login");
    }
}
