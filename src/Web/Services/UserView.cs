namespace Proxus.Web.Services;

/// <summary>A user as the portal shows it (never a password or a hash).</summary>
public sealed record UserView(
    Guid Id,
    string UserName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> SiteIds,
    bool IsDisabled,
    bool MustChangePassword,
    bool TwoFactorEnabled,
    bool IsLockedOut,
    DateTimeOffset CreatedAt);
