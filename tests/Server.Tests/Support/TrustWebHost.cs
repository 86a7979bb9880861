using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;
using Proxus.Server.Observability;
using Proxus.Server.Pki;
using Proxus.Server.Telemetry;
using Proxus.Server.Writes;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// The server as deployed: Kestrel with HTTPS on 127.0.0.1 (OS-assigned port), the trust services
/// and their endpoints (<see cref="TrustHostingExtensions"/>), and on request the MQTT broker with
/// its TLS endpoint (also OS-assigned; no plain MQTT, no anonymous clients, state in memory).
/// Clients trust only our root CA.
/// </summary>
public sealed class TrustWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions? _mqtts;

    private TrustWebHost(WebApplication app, Uri address, ListenOptions? mqtts)
    {
        _app = app;
        BaseAddress = address;
        _mqtts = mqtts;
    }

    /// <summary>The bearer token that admits a scrape of <c>/metrics</c>.</summary>
    public const string ScrapeToken = "test-scrape-token-0123456789";

    public Uri BaseAddress { get; }

    /// <summary>The broker's MQTT over TLS port (hosts started with the broker only).</summary>
    public int MqttTlsPort => _mqtts?.IPEndPoint?.Port ?? throw new InvalidOperationException("The broker is not hosted.");

    public IServiceProvider Services => _app.Services;

    /// <summary>The plain loopback MQTT port (hosts started with writes only; 0 otherwise).</summary>
    public int MqttPort { get; private init; }

    public RecordingRevocationListener RevocationListener => (RecordingRevocationListener)_app.Services.GetServices<ICertificateRevocationListener>().OfType<RecordingRevocationListener>().Single();

    public RecordingConfigChangeNotifier ConfigNotifier => _app.Services.GetServices<IConfigChangeNotifier>().OfType<RecordingConfigChangeNotifier>().Single();

    /// <summary>Starts the server; <paramref name="map"/> may add endpoints of the test's own; <paramref name="logs"/> receives every log at every level.</summary>
    /// <param name="database">The database.</param>
    /// <param name="timeProvider">The clock, when the test sets it.</param>
    /// <param name="map">Endpoints of the test's own.</param>
    /// <param name="withBroker">Host the broker and its TLS endpoint.</param>
    /// <param name="writes">
    /// Host governed writes too (with the broker): their API, dispatcher and results consumer,
    /// which connects with the server's credentials to the broker's plain loopback listener on a
    /// free port (<c>Mqtt:Port</c>, <see cref="MqttPort"/>, where anonymous development clients are
    /// also allowed); <see cref="WriteOptions"/> come from these settings.
    /// </param>
    /// <param name="logs">A provider that receives every log.</param>
    /// <param name="withTelemetry">
    /// Host telemetry history too: its store, the history API and <see cref="TagAccess"/>; its UNS
    /// consumers run only with the broker.
    /// </param>
    public static async Task<TrustWebHost> StartAsync(TestDatabase database, TimeProvider? timeProvider = null, Action<WebApplication>? map = null, bool withBroker = false, IReadOnlyDictionary<string, string?>? writes = null, ILoggerProvider? logs = null, bool withTelemetry = false)
    {
        withBroker |= writes is not null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        var settings = TrustHost.Configuration(database);
        settings["Mqtt:Port"] = "0";
        settings["Mqtt:TlsPort"] = "0";
        settings["Mqtt:AllowAnonymous"] = "false";
        settings["Mqtt:DataDirectory"] = string.Empty;
        var plainPort = writes is null ? 0 : TestSupport.LoopbackPort.GetFree();
        if (writes is not null)
        {
            // The broker's own loopback listener (Mqtt:Port), where the results consumer connects
            // with the server's credentials; the HTTP endpoint the broker setup adds from urls is unused.
            settings["Mqtt:Port"] = plainPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["urls"] = "https://127.0.0.1:0";
            settings["MqttConsumer:ClientId"] = "proxus-test-" + Guid.NewGuid().ToString("N")[..8];
            settings["Mqtt:AllowAnonymous"] = "true";
            foreach (var (key, value) in writes)
            {
                settings["Writes:" + key] = value;
            }
        }

        if (withTelemetry && !withBroker)
        {
            settings["MqttConsumer:Enabled"] = "false";
        }

        settings["Observability:Metrics:ScrapeToken"] = ScrapeToken;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);

            // A rule for this provider outranks the per-category levels of appsettings.json.
            builder.Services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(logs.GetType().FullName, null, LogLevel.Trace, null)));
        }
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<ICertificateRevocationListener, RecordingRevocationListener>();
        builder.Services.AddSingleton<IConfigChangeNotifier, RecordingConfigChangeNotifier>();
        builder.AddProxusTrust();
        if (withBroker)
        {
            builder.AddProxusBroker();
        }

        if (withTelemetry)
        {
            builder.AddProxusTelemetry();
        }

        if (writes is not null)
        {
            builder.AddProxusWrites();
        }

        builder.AddProxusObservability();

        // After AddProxusTrust: UseHttps() takes the HTTPS defaults (our server certificate) in force when it is called.
        ListenOptions? https = null, mqtts = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => https = listen.UseHttps());
            if (withBroker)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => mqtts = listen.UseProxusMqttTls());
            }
        });
        var app = builder.Build();
        app.MapProxusTrustApi();
        if (withTelemetry)
        {
            app.MapProxusTelemetryApi();
        }

        if (writes is not null)
        {
            app.MapProxusWritesApi();
        }

        app.MapProxusObservability();
        if (withBroker)
        {
            app.MapMqttWebSocket();
        }

        map?.Invoke(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await app.StartAsync(timeout.Token);
        return new TrustWebHost(app, new Uri($"https://127.0.0.1:{https!.IPEndPoint!.Port}"), mqtts) { MqttPort = plainPort };
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public ProxusDbContext CreateDbContext() => Get<IDbContextFactory<ProxusDbContext>>().CreateDbContext();

    /// <summary>An HTTPS client that trusts only our root CA and presents <paramref name="clientCertificate"/> if given.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate = null)
    {
        var root = Get<CertificateAuthority>().RootCertificate;
        // A request that expects 100-continue waits for the server's answer instead of sending its body after 1 s (OversizedRequest).
        var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.ExtraStore.Add(Get<CertificateAuthority>().IssuingCertificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 server && chain.Build(server);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
