using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Identity;

public sealed partial class UserAdministration
{
    /// <summary>Replaces the user's roles; null if there is no such user.</summary>
    public async Task<UserSummary?> SetRolesAsync(Guid id, IReadOnlyList<string> roles, string actor, CancellationToken cancellationToken)
    {
        var wanted = CanonicalRoles(roles);
        var found = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
                if (user is null)
                {
                    return new AuditedResult<bool>(false, []);
                }

                var current = await (from userRole in db.UserRoles
                                     join role in db.Roles on userRole.RoleId equals role.Id
                                     where userRole.UserId == id
                                     select new { userRole, role.Name }).ToListAsync(ct);
                var removed = current.Where(c => !wanted.Contains(c.Name!)).ToList();
                if (removed.Any(r => r.Name == Roles.Admin))
                {
                    await EnsureAnotherAdminAsync(db, id, ct);
                }

                db.UserRoles.RemoveRange(removed.Select(r => r.userRole));
                await AddRolesAsync(db, id, wanted.Where(w => !current.Any(c => c.Name == w)), ct);
                if (removed.Count > 0)
                {
                    RenewStamps(user);
                }

                await db.SaveChangesAsync(ct);
                var data = new Dictionary<string, string?>
                {
                    ["before"] = string.Join(' ', current.Select(c => c.Name).Order(StringComparer.Ordinal)),
                    ["after"] = string.Join(' ', wanted),
                };
                return new AuditedResult<bool>(true, new AuditEvent(IamAuditEventTypes.UserRolesChanged, actor, Subject(user), data));
            },
            cancellationToken);
        return found ? await GetAsync(id, cancellationToken) : null;
    }

    /// <summary>Replaces the sites an OtEngineer is assigned to; null if there is no such user.</summary>
    public async Task<UserSummary?> SetSitesAsync(Guid id, IReadOnlyList<Guid> siteIds, string actor, CancellationToken cancellationToken)
    {
        var wanted = siteIds.Distinct().Order().ToList();
        var found = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
                if (user is null)
                {
                    return new AuditedResult<bool>(false, []);
                }

                var known = await db.Sites.Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
                var unknown = wanted.Except(known).ToList();
                if (unknown.Count > 0)
                {
                    throw new IamValidationException($"No such site: {string.Join(", ", unknown)}.");
                }

                var current = await db.UserSites.Where(s => s.UserId == id).ToListAsync(ct);
                var removed = current.Where(c => !wanted.Contains(c.SiteId)).ToList();
                db.UserSites.RemoveRange(removed);
                db.UserSites.AddRange(wanted.Where(w => !current.Any(c => c.SiteId == w)).Select(w => new UserSite { UserId = id, SiteId = w }));
                if (removed.Count > 0)
                {
                    RenewStamps(user);
                }

                await db.SaveChangesAsync(ct);
                var data = new Dictionary<string, string?>
                {
                    ["before"] = string.Join(' ', current.Select(c => c.SiteId).Order()),
                    ["after"] = string.Join(' ', wanted),
                };
                return new AuditedResult<bool>(true, new AuditEvent(IamAuditEventTypes.UserSitesChanged, actor, Subject(user), data));
            },
            cancellationToken);
        return found ? await GetAsync(id, cancellationToken) : null;
    }

    /// <summary>Disables (ending every session at once) or re-enables a user; null if there is no such user.</summary>
    public async Task<UserSummary?> SetDisabledAsync(Guid id, bool disabled, string actor, CancellationToken cancellationToken)
    {
        var found = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
                if (user is null)
                {
                    return new AuditedResult<bool>(false, []);
                }

                if (disabled && !user.IsDisabled)
                {
                    await EnsureAnotherAdminAsync(db, id, ct);
                }

                user.IsDisabled = disabled;
                RenewStamps(user);
                await db.SaveChangesAsync(ct);
                var type = disabled ? IamAuditEventTypes.UserDisabled : IamAuditEventTypes.UserEnabled;
                return new AuditedResult<bool>(true, new AuditEvent(type, actor, Subject(user)));
            },
            cancellationToken);
        return found ? await GetAsync(id, cancellationToken) : null;
    }

    /// <summary>
    /// Sets a new one-time password (shown once; must be changed at the next sign-in), clears the
    /// lockout and ends every session. Null if there is no such user.
    /// </summary>
    public async Task<string?> ResetPasswordAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var password = OneTimePasswords.Create();
        return await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
                if (user is null)
                {
                    return new AuditedResult<string?>(null, []);
                }

                user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
                user.MustChangePassword = true;
                user.AccessFailedCount = 0;
                user.LockoutEnd = null;
                RenewStamps(user);
                await db.SaveChangesAsync(ct);
                return new AuditedResult<string?>(password, new AuditEvent(IamAuditEventTypes.UserPasswordReset, actor, Subject(user)));
            },
            cancellationToken);
    }

    /// <summary>A new security stamp ends every session of the user; the concurrency stamp guards against lost updates.</summary>
    private static void RenewStamps(ProxusUser user)
    {
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = NewStamp();
    }

    /// <summary>Refuses a change that would leave no enabled administrator.</summary>
    private static async Task EnsureAnotherAdminAsync(ProxusDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var others = await (from userRole in db.UserRoles
                            join role in db.Roles on userRole.RoleId equals role.Id
                            join user in db.Users on userRole.UserId equals user.Id
                            where role.Name == Roles.Admin && user.Id != userId && !user.IsDisabled
                            select user.Id).AnyAsync(cancellationToken);
        if (!others)
        {
            throw new IamValidationException("This would leave no enabled administrator.");
        }
    }
}
