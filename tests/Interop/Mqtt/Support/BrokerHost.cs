using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Broker;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;

namespace Proxus.Interop.Tests.Mqtt.Support;

/// <summary>
/// Our broker hosted exactly as the server hosts it (the trust services on an SQLite file in the
/// data directory, AddProxusBroker, its connection handler, TLS endpoint and WebSocket route) on
/// Kestrel endpoints bound to 127.0.0.1 port 0; the bound ports are read back after start.
/// </summary>
public sealed class BrokerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _mqtt;
    private readonly ListenOptions _http;
    private readonly ListenOptions? _tls;

    private BrokerHost(WebApplication app, ListenOptions mqtt, ListenOptions http, ListenOptions? tls, string dataDirectory)
    {
        _app = app;
        _mqtt = mqtt;
        _http = http;
        _tls = tls;
        DataDirectory = dataDirectory;
    }

    public int MqttPort => _mqtt.IPEndPoint!.Port;

    public int HttpPort => _http.IPEndPoint!.Port;

    public int TlsPort => _tls?.IPEndPoint!.Port ?? throw new InvalidOperationException("TLS is not configured.");

    public string DataDirectory { get; }

    public MqttBroker Broker => _app.Services.GetRequiredService<MqttBroker>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the server's MQTT composition; a <paramref name="dataDirectory"/> reused restarts with the same store.</summary>
    public static async Task<BrokerHost> StartAsync(Action<MqttBrokerOptions>? configure = null, bool tls = false, string? dataDirectory = null, bool allowAnonymous = true)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "proxus-broker-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mqtt:Port"] = "0",
            ["Mqtt:TlsPort"] = "0",
            ["Mqtt:AllowAnonymous"] = allowAnonymous ? "true" : "false",
            ["Mqtt:DataDirectory"] = dataDirectory,
            ["Mqtt:Broker:HousekeepingInterval"] = "00:00:00.100",
            ["Server:DataDirectory"] = Path.Combine(dataDirectory, "server"),
        });
        builder.AddProxusTrust();
        builder.AddProxusBroker();
        builder.Services.PostConfigure<MqttServerOptions>(o => configure?.Invoke(o.Broker));

        ListenOptions? mqtt = null, http = null, tlsListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, l => mqtt = l.UseProxusMqtt());
            kestrel.Listen(IPAddress.Loopback, 0, l => http = l);
            if (tls)
            {
                kestrel.Listen(IPAddress.Loopback, 0, l => tlsListen = l.UseProxusMqttTls());
            }
        });
        var app = builder.Build();
        app.MapMqttWebSocket();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new BrokerHost(app, mqtt!, http!, tlsListen, dataDirectory);
    }

    /// <summary>Stops the server (sessions saved, store flushed) but keeps the data directory.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
