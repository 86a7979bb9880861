using Microsoft.AspNetCore.Authorization;

namespace Proxus.Server.Identity;

internal sealed class AccessRequirementHandler : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        if (user.Identity.AuthenticationType == AccessTokenAuthenticationHandler.SchemeName)
        {
            var scopes = user.FindFirst(ProxusClaimTypes.Scope)?.Value.Split(' ') ?? [];
            if (requirement.Scope is { } scope && scopes.Contains(scope, StringComparer.Ordinal))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }

        var pending = user.HasClaim(ProxusClaimTypes.MustChangePassword, "true");
        if (pending && !requirement.AllowPendingPasswordChange)
        {
            return Task.CompletedTask;
        }

        if (requirement.Roles.Count == 0 || requirement.Roles.Any(user.IsInRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
