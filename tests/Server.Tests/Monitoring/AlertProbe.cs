using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>Waits (bounded) for an alert that the engine raises in the background.</summary>
internal static class AlertProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<Alert> WaitForAsync(Func<ProxusDbContext> createDbContext, string rule, string subject)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            await using (var db = createDbContext())
            {
                var alert = await db.Alerts.AsNoTracking().Where(a => a.Rule == rule && a.Subject == subject).FirstOrDefaultAsync();
                if (alert is not null)
                {
                    return alert;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No '{rule}' alert for {subject} within {Timeout}.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task<List<Alert>> AllAsync(Func<ProxusDbContext> createDbContext, string subjectPrefix)
    {
        await using var db = createDbContext();
        return await db.Alerts.AsNoTracking().Where(a => a.Subject.StartsWith(subjectPrefix)).ToListAsync();
    }
}
