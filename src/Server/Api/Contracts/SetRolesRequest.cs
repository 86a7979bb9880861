namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>PUT /api/v1/users/{id}/roles</c>: the complete new set.</summary>
public sealed record SetRolesRequest(IReadOnlyList<string> Roles);
