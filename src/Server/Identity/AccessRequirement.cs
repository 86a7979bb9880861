using Microsoft.AspNetCore.Authorization;

namespace Proxus.Server.Identity;

/// <summary>
/// Met by a signed-in person whose password is current and who holds one of <see cref="Roles"/>,
/// or by a machine client whose token holds <see cref="Scope"/>. A person who signed in with a
/// one-time password meets only requirements with <see cref="AllowPendingPasswordChange"/>.
/// </summary>
public sealed class AccessRequirement(IReadOnlyList<string> roles, string? scope, bool allowPendingPasswordChange = false) : IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    public string? Scope { get; } = scope;

    public bool AllowPendingPasswordChange { get; } = allowPendingPasswordChange;
}
