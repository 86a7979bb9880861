using Proxus.Server.Data;
using Proxus.Server.Fleet;

namespace Proxus.Server.Tests.Support;

/// <summary>One fully populated row for every entity of the model, to prove model and schema agree.</summary>
public static class SampleData
{
    private static readonly DateTimeOffset Instant = new(2026, 11, 21, 10, 0, 0, 123, 456, TimeSpan.Zero);

    public static IReadOnlyList<object> OneOfEach()
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Site " + Guid.NewGuid().ToString("N"), CreatedAt = Instant };
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = site.Id, Name = "agent-1", CreatedAt = Instant.AddSeconds(1) };
        return [site, agent];
    }

    public static async Task AddAsync(ProxusDbContext db, IEnumerable<object> entities)
    {
        foreach (var entity in entities)
        {
            db.Add(entity);
        }

        await db.SaveChangesAsync();
    }
}
