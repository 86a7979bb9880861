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
        return endpoints;
    }

    private static async Task<RedirectHttpResult> SignOutAsync(IPortalAccount account, HttpContext context)
    {
        await account.SignOutAsync(context.User, context.RequestAborted);
        return TypedResults.LocalRedirect("~/login");
    }
}
