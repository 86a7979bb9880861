namespace Proxus.Server.Api.Contracts;

/// <summary>Body of <c>POST /api/v1/users</c>.</summary>
public sealed record CreateUserRequest(string UserName, IReadOnlyList<string>? Roles);
