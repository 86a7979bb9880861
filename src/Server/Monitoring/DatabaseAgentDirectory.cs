using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Monitoring;

/// <summary>Looks client ids up in the agents table: an agent's client id is its id in the <c>D</c> format.</summary>
internal sealed class DatabaseAgentDirectory(IDbContextFactory<ProxusDbContext> contexts) : IAgentDirectory
{
    public async ValueTask<bool> IsAgentAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(clientId, "D", out var agentId))
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Agents.AsNoTracking().AnyAsync(a => a.Id == agentId, cancellationToken);
    }
}
