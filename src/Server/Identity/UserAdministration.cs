using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Identity;

/// <summary>
/// Creates and changes users (admin application service). Each change and its audit entry commit
/// in one transaction (<see cref="AuditLog.RunAuditedAsync{T}"/>). A change that takes rights away
/// (a role removed, the user disabled, a password reset) renews the user's security stamp, which
/// ends all of their sessions at their next request. The last enabled administrator can neither
/// lose the Admin role nor be disabled.
/// </summary>
public sealed partial class UserAdministration(
    IDbContextFactory<ProxusDbContext> contexts,
    AuditLog audit,
    UserManager<ProxusUser> users,
    TimeProvider timeProvider)
{
    public const int MaxUserNameLength = 64;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        return await SummarizeAsync(db, all, cancellationToken);
    }

    public async Task<UserSummary?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : (await SummarizeAsync(db, [user], cancellationToken))[0];
    }

    /// <summary>Creates a user with a one-time password that must be changed at the first sign-in.</summary>
    public async Task<CreatedUser> CreateAsync(string userName, IReadOnlyList<string> roles, string actor, CancellationToken cancellationToken)
    {
        var name = userName.Trim();
        var roleNames = CanonicalRoles(roles);
        var password = OneTimePasswords.Create();
        var user = await NewUserAsync(name, password, cancellationToken);
        var id = await audit.RunAuditedAsync(
            async (db, ct) =>
            {
                if (await db.Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, ct))
                {
                    throw new IamValidationException($"The user name '{name}' is taken.");
                }

                db.Users.Add(user);
                await AddRolesAsync(db, user.Id, roleNames, ct);
                await db.SaveChangesAsync(ct);
                var data = new Dictionary<string, string?> { ["userName"] = name, ["roles"] = string.Join(' ', roleNames) };
                return new AuditedResult<Guid>(user.Id, new AuditEvent(IamAuditEventTypes.UserCreated, actor, Subject(user), data));
            },
            cancellationToken);
        return new CreatedUser((await GetAsync(id, cancellationToken))!, password);
    }

    /// <summary>A user as stored, ready to insert; validated by Identity's user and password validators.</summary>
    internal async Task<ProxusUser> NewUserAsync(string name, string password, CancellationToken cancellationToken)
    {
        if (name.Length is 0 or > MaxUserNameLength)
        {
            throw new IamValidationException($"A user name has 1 to {MaxUserNameLength} characters.");
        }

        var user = new ProxusUser
        {
            Id = Guid.NewGuid(),
            UserName = name,
            NormalizedUserName = users.NormalizeName(name),
            SecurityStamp = NewStamp(),
            ConcurrencyStamp = NewStamp(),
            LockoutEnabled = true,
            MustChangePassword = true,
            CreatedAt = Timestamps.Now(timeProvider),
        };
        var errors = new List<string>();
        foreach (var validator in users.UserValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user)).Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.DuplicateUserName)).Select(e => e.Description));
        }

        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            throw new IamValidationException("The user cannot be created.", errors);
        }

        cancellationToken.ThrowIfCancellationRequested();
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        return user;
    }

    internal static async Task AddRolesAsync(ProxusDbContext db, Guid userId, IEnumerable<string> roleNames, CancellationToken cancellationToken)
    {
        foreach (var roleName in roleNames)
        {
            var normalized = roleName.ToUpperInvariant();
            var role = await db.Roles.AsNoTracking().SingleAsync(r => r.NormalizedName == normalized, cancellationToken);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = userId, RoleId = role.Id });
        }
    }

    internal static string Subject(ProxusUser user) => $"user:{user.UserName}";

    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    private static List<string> CanonicalRoles(IEnumerable<string> roles)
    {
        var canonical = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            canonical.Add(Roles.Find(role) ?? throw new IamValidationException($"'{role}' is not a role; the roles are {string.Join(", ", Roles.All)}."));
        }

        return [.. canonical];
    }

    private async Task<List<UserSummary>> SummarizeAsync(ProxusDbContext db, List<ProxusUser> list, CancellationToken cancellationToken)
    {
        var ids = list.Select(u => u.Id).ToList();
        var roles = await (from userRole in db.UserRoles
                           join role in db.Roles on userRole.RoleId equals role.Id
                           where ids.Contains(userRole.UserId)
                           select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var sites = await db.UserSites.Where(s => ids.Contains(s.UserId)).ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return list.Select(u => new UserSummary(
            u.Id,
            u.UserName!,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)],
            [.. sites.Where(s => s.UserId == u.Id).Select(s => s.SiteId).Order()],
            u.IsDisabled,
            u.MustChangePassword,
            u.TwoFactorEnabled,
            u.LockoutEnd is { } end && end > now,
            u.CreatedAt)).ToList();
    }
}
