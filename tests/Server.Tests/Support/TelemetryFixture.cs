using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>A fresh database with a started <see cref="TelemetryWebHost"/> per test class.</summary>
public abstract class TelemetryFixture : IAsyncLifetime
{
    private readonly TrustFixture _databases;
    private TelemetryWebHost? _host;

    protected TelemetryFixture(TrustFixture databases) => _databases = databases;

    public DatabaseProvider Provider => _databases.Provider;

    public TelemetryWebHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public Task<TestDatabase> CreateDatabaseAsync() => _databases.CreateDatabaseAsync();

    public async Task InitializeAsync() => _host = await TelemetryWebHost.StartAsync(await _databases.CreateDatabaseAsync());

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _databases.DisposeAsync();
    }
}
