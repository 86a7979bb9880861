using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Hosting;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// The server's trust services (<see cref="TrustHostingExtensions.AddProxusTrust"/>) in a generic
/// host on a test database, started so that migrations and CA initialization have run.
/// </summary>
public sealed class TrustHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly IHost _host;

    private TrustHost(IHost host, TestDatabase database)
    {
        _host = host;
        Database = database;
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => _host.Services;

    public static Dictionary<string, string?> Configuration(TestDatabase database) => new()
    {
        ["Database:Provider"] = database.Provider.ToString(),
        ["ConnectionStrings:Proxus"] = database.ConnectionString,
        ["Server:DataDirectory"] = database.DataDirectory,
    };

    /// <summary>Builds a host; <paramref name="configure"/> may change settings; started unless told not to.</summary>
    public static async Task<TrustHost> StartAsync(
        TestDatabase database,
        Action<Dictionary<string, string?>>? configure = null,
        bool start = true,
        TimeProvider? timeProvider = null)
    {
        var settings = Configuration(database);
        configure?.Invoke(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<IConfigChangeNotifier, RecordingConfigChangeNotifier>();
        builder.AddProxusTrust();
        var host = builder.Build();
        if (start)
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            await host.StartAsync(timeout.Token);
        }

        return new TrustHost(host, database);
    }

    public RecordingConfigChangeNotifier ConfigNotifier => _host.Services.GetServices<IConfigChangeNotifier>().OfType<RecordingConfigChangeNotifier>().Single();

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public ProxusDbContext CreateDbContext() => Get<IDbContextFactory<ProxusDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
