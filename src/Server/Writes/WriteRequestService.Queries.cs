using Microsoft.EntityFrameworkCore;

namespace Proxus.Server.Writes;

public sealed partial class WriteRequestService
{
    public async Task<WriteRequest?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WriteRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>The request's steps in order.</summary>
    public async Task<IReadOnlyList<WriteRequestEvent>> TimelineAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WriteRequestEvents.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WriteRequest>> ListAsync(WriteRequestQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, WriteRequestQuery.MaxLimit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Filter(db.WriteRequests.AsNoTracking(), query).OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Take(query.Limit).ToListAsync(cancellationToken);
    }

    internal static IQueryable<WriteRequest> Filter(IQueryable<WriteRequest> requests, WriteRequestQuery query)
    {
        if (query.VisibleSites is { } visible)
        {
            var ids = visible.ToList();
            requests = requests.Where(r => ids.Contains(r.SiteId));
        }

        if (query.SiteId is { } site)
        {
            requests = requests.Where(r => r.SiteId == site);
        }

        if (query.State is { } state)
        {
            requests = requests.Where(r => r.State == state);
        }

        if (query.RequestedBy is { } requester)
        {
            requests = requests.Where(r => r.RequestedBy == requester);
        }

        if (query.From is { } from)
        {
            requests = requests.Where(r => r.RequestedAt >= from);
        }

        if (query.To is { } to)
        {
            requests = requests.Where(r => r.RequestedAt < to);
        }

        return requests;
    }
}
