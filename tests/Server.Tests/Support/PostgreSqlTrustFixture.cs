using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>A fresh database on the assembly's real PostgreSQL server.</summary>
public sealed class PostgreSqlTrustFixture(PostgresFixture postgres) : TrustFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    protected override async Task<string?> CreateConnectionStringAsync()
        => postgres.Server.ConnectionString(await postgres.Server.CreateDatabaseAsync());
}
