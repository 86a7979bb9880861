using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// One fresh database per test class (xunit class fixture), with a started server host on it.
/// Tests that need an empty database of their own ask <see cref="CreateDatabaseAsync"/>; the
/// tests of a class that talk to the server over HTTPS share one web server (<see cref="ServerAsync"/>).
/// </summary>
public abstract class TrustFixture : IAsyncLifetime
{
    private readonly List<string> _directories = [];
    private TrustHost? _host;
    private TrustWebHost? _server;

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

    /// <summary>
    /// The class's web server on <see cref="Database"/>: the first test to ask starts it with
    /// <paramref name="start"/>, the class's later tests (xunit runs them one after the other) get
    /// the same one, and it stops with the fixture. A test that needs a server of its own (another
    /// clock, other settings) starts one itself.
    /// </summary>
    public async Task<TrustWebHost> ServerAsync(Func<TestDatabase, Task<TrustWebHost>> start)
        => _server ??= await start(Database);

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        _host = await TrustHost.StartAsync(Database);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

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
