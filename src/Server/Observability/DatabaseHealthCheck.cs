using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Proxus.Server.Data;

namespace Proxus.Server.Observability;

/// <summary>
/// Ready when a round trip to the database succeeds (<c>SELECT 1</c>; merely opening a pooled
/// connection would not notice a database that went away).
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<ProxusDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a message could name hosts or paths to an anonymous caller.
            return HealthCheckResult.Unhealthy($"database unreachable ({e.GetType().Name})");
        }
    }
}
