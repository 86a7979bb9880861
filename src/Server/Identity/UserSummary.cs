namespace Proxus.Server.Identity;

/// <summary>A user as the administration API shows it (never a password or a hash).</summary>
public sealed record UserSummary(
    Guid Id,
    string UserName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> SiteIds,
    bool IsDisabled,
    bool MustChangePassword,
    bool TwoFactorEnabled,
    bool IsLockedOut,
    DateTimeOffset CreatedAt);
