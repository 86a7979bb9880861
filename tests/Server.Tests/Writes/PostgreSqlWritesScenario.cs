using Proxus.Server.Data;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Writes;

/// <summary>The scenario on a fresh database of the assembly's real PostgreSQL server.</summary>
public sealed class PostgreSqlWritesScenario(PostgresFixture postgres) : WritesScenario
{
    protected override async Task<TestDatabase> CreateDatabaseAsync(string dataDirectory)
        => new(DatabaseProvider.PostgreSql, postgres.Server.ConnectionString(await postgres.Server.CreateDatabaseAsync()), dataDirectory);
}
