using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>Waits (bounded) for an audit entry that security events append in the background.</summary>
public static class AuditProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<AuditEntry> WaitForAsync(Func<ProxusDbContext> createDbContext, string type, Expression<Func<AuditEntry, bool>> predicate)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            await using (var db = createDbContext())
            {
                var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Type == type).Where(predicate).OrderBy(e => e.Sequence).FirstOrDefaultAsync();
                if (entry is not null)
                {
                    return entry;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No '{type}' audit entry matching {predicate} within {Timeout}.");
            }

            await Task.Delay(50);
        }
    }
}
