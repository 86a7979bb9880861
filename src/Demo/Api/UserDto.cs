namespace Proxus.Demo.Api;

/// <summary>A user as <c>GET /api/v1/users</c> answers it.</summary>
public sealed record UserDto(Guid Id, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> SiteIds, bool MustChangePassword);
