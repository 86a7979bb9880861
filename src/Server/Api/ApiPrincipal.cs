using System.Security.Claims;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>How the API names its caller in the audit log and where the caller connects from.</summary>
internal static class ApiPrincipal
{
    /// <summary><c>user:{name}</c> for a person, <c>client:{id}</c> for a machine client.</summary>
    public static string Actor(ClaimsPrincipal principal)
        => principal.FindFirst(ProxusClaimTypes.ClientId)?.Value is { } clientId
            ? $"client:{clientId}"
            : $"user:{principal.Identity?.Name ?? "unknown"}";

    public static string RemoteAddress(HttpContext context) => ClientAddress.Of(context.Connection.RemoteIpAddress);
}
