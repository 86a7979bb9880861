using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// One fresh database per test class (xunit class fixture), with a started server host on it.
/// Tests that need an empty database of their own ask <see cref="CreateDatabaseAsync"/>.
/// </summary>
public abstract class TrustFixture : IAsyncLifetime
{
    private readonly List<string> _directories = [];
    private TrustHost? _host;

    public abstract DatabaseProvider Provider { get; }

    public TrustHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public TestDatabase Database { get; private set; } = null!;

    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var directory = Directory.CreateTempSubdirectory("proxus-server-").FullName;
        lock (_directories)
        {
            _directories.Add(directory);
        }

        return new TestDatabase(Provider, await CreateConnectionStringAsync(), Path.Combine(directory, "data"));
    }

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        _host = await TrustHost.StartAsync(Database);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    /// <summary>A connection string to a new empty database, or null for SQLite's default file.</summary>
    protected abstract Task<string?> CreateConnectionStringAsync();
}
