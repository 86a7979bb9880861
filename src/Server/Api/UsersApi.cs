using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Identity;

namespace Proxus.Server.Api;

/// <summary>User administration (Admin): create, list, roles, site assignments, disable, password reset.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(IamPolicies.Admin);
        group.MapGet("", (UserAdministration users, CancellationToken ct) => ListAsync(users, ct)).WithName("ListUsers");
        group.MapPost("", CreateAsync).WithName("CreateUser");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetUser");
        group.MapPut("/{id:guid}/roles", SetRolesAsync).WithName("SetUserRoles");
        group.MapPut("/{id:guid}/sites", SetSitesAsync).WithName("SetUserSites");
        group.MapPost("/{id:guid}/disable", (Guid id, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) => SetDisabledAsync(id, true, users, user, ct)).WithName("DisableUser");
        group.MapPost("/{id:guid}/enable", (Guid id, UserAdministration users, ClaimsPrincipal user, CancellationToken ct) => SetDisabledAsync(id, false, users, user, ct)).WithName("EnableUser");
        group.MapPost("/{id:guid}/password-reset", ResetPasswordAsync).WithName("ResetUserPassword");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<UserSummary>>> ListAsync(UserAdministration users, CancellationToken cancellationToken)
        => TypedResults.Ok(await users.ListAsync(cancellationToken));

    private static async Task<Created<CreatedUser>> CreateAsync(CreateUserRequest request, UserAdministration users, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var created = await users.CreateAsync(request.UserName ?? string.Empty, request.Roles ?? [], ApiPrincipal.Actor(user), cancellationToken);
        return TypedResults.Created($"/api/v1/users/{created.User.Id:D}", created);
    }

    private static async Task<Results<Ok<UserSummary>, NotFound>> GetAsync(Guid id, UserAdministration users, CancellationToken cancellationToken)
        => Found(await users.GetAsync(id, cancellationToken));

    private static async Task<Results<Ok<UserSummary>, NotFound>> SetRolesAsync(Guid id, SetRolesRequest request, UserAdministration users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => Found(await users.SetRolesAsync(id, request.Roles ?? [], ApiPrincipal.Actor(user), cancellationToken));

    private static async Task<Results<Ok<UserSummary>, NotFound>> SetSitesAsync(Guid id, SetSitesRequest request, UserAdministration users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => Found(await users.SetSitesAsync(id, request.SiteIds ?? [], ApiPrincipal.Actor(user), cancellationToken));

    private static async Task<Results<Ok<UserSummary>, NotFound>> SetDisabledAsync(Guid id, bool disabled, UserAdministration users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => Found(await users.SetDisabledAsync(id, disabled, ApiPrincipal.Actor(user), cancellationToken));

    private static async Task<Results<Ok<OneTimePasswordResponse>, NotFound>> ResetPasswordAsync(Guid id, UserAdministration users, ClaimsPrincipal user, CancellationToken cancellationToken)
        => await users.ResetPasswordAsync(id, ApiPrincipal.Actor(user), cancellationToken) is { } password
            ? TypedResults.Ok(new OneTimePasswordResponse(password))
            : TypedResults.NotFound();

    private static Results<Ok<UserSummary>, NotFound> Found(UserSummary? summary)
        => summary is null ? TypedResults.NotFound() : TypedResults.Ok(summary);
}
