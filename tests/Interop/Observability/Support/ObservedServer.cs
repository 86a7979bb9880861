using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Proxus.Server.Fleet.Status;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;
using Proxus.Server.Observability;

namespace Proxus.Interop.Tests.Observability.Support;

/// <summary>
/// The server composition of Program.cs (trust services on SQLite, the broker, observability) on
/// 127.0.0.1 with OS-assigned ports: plain HTTP for the scraper and plain MQTT for the load (anonymous,
/// development settings, no $SYS messages so that the retained count is the test's own). <c>/metrics</c> wants <see cref="ScrapeToken"/>.
/// The agent status store is there without its MQTT consumer: tests apply status messages to it directly.
/// </summary>
public sealed class ObservedServer : IAsyncDisposable
{
    public const string ScrapeToken = "interop-scrape-token-9f2c41d7";

    private readonly WebApplication _app;
    private readonly ListenOptions _http;
    private readonly ListenOptions _mqtt;
    private readonly string _directory;

    private ObservedServer(WebApplication app, ListenOptions http, ListenOptions mqtt, string directory)
    {
        _app = app;
        _http = http;
        _mqtt = mqtt;
        _directory = directory;
    }

    public int HttpPort => _http.IPEndPoint!.Port;

    public Uri MqttServer => new($"mqtt://127.0.0.1:{_mqtt.IPEndPoint!.Port}");

    public IServiceProvider Services => _app.Services;

    public static async Task<ObservedServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("proxus-observed-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = "0",
            ["Mqtt:TlsPort"] = "0",
            ["Mqtt:AllowAnonymous"] = "true",
            ["Mqtt:DataDirectory"] = string.Empty,
            ["Mqtt:Broker:SysInterval"] = "00:00:00",
            ["Server:DataDirectory"] = Path.Combine(directory, "server"),
            ["Observability:Metrics:ScrapeToken"] = ScrapeToken,
            ["MqttConsumer:Enabled"] = "false",
        });
        builder.AddProxusTrust();
        builder.AddProxusBroker();
        builder.AddProxusAgentStatus();
        builder.AddProxusObservability();

        ListenOptions? http = null, mqtt = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, l => http = l);
            kestrel.Listen(IPAddress.Loopback, 0, l => mqtt = l.UseProxusMqtt());
        });
        var app = builder.Build();
        app.MapProxusObservability();
        app.MapProxusTrustApi();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new ObservedServer(app, http!, mqtt!, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
