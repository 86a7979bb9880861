using Proxus.Server.Data;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Writes;

/// <summary>The scenario on the embedded default: an SQLite file in the data directory.</summary>
public sealed class SqliteWritesScenario : WritesScenario
{
    protected override Task<TestDatabase> CreateDatabaseAsync(string dataDirectory)
        => Task.FromResult(new TestDatabase(DatabaseProvider.Sqlite, null, dataDirectory));
}
