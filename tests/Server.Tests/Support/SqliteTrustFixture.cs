using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>The embedded default: an SQLite file in a fresh data directory.</summary>
public sealed class SqliteTrustFixture : TrustFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateConnectionStringAsync() => Task.FromResult<string?>(null);
}
