using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Hosting;
using Proxus.Server.Pki;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// The server as deployed: Kestrel with HTTPS on 127.0.0.1 (OS-assigned port), the trust services
/// and their endpoints (<see cref="TrustHostingExtensions"/>). Clients trust only our root CA.
/// </summary>
public sealed class TrustWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TrustWebHost(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public RecordingRevocationListener RevocationListener => (RecordingRevocationListener)_app.Services.GetServices<ICertificateRevocationListener>().Single();

    public RecordingConfigChangeNotifier ConfigNotifier => _app.Services.GetServices<IConfigChangeNotifier>().OfType<RecordingConfigChangeNotifier>().Single();

    /// <summary>Starts the server; <paramref name="map"/> may add endpoints of the test's own.</summary>
    public static async Task<TrustWebHost> StartAsync(TestDatabase database, TimeProvider? timeProvider = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(TrustHost.Configuration(database));
        builder.Logging.ClearProviders();
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<ICertificateRevocationListener, RecordingRevocationListener>();
        builder.Services.AddSingleton<IConfigChangeNotifier, RecordingConfigChangeNotifier>();
        builder.AddProxusTrust();

        // After AddProxusTrust: UseHttps() takes the HTTPS defaults (our server certificate) in force when it is called.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps()));
        var app = builder.Build();
        app.MapProxusTrustApi();
        map?.Invoke(app);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TrustWebHost(app, new Uri(address));
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public ProxusDbContext CreateDbContext() => Get<IDbContextFactory<ProxusDbContext>>().CreateDbContext();

    /// <summary>An HTTPS client that trusts only our root CA and presents <paramref name="clientCertificate"/> if given.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate = null)
    {
        var root = Get<CertificateAuthority>().RootCertificate;
        var handler = new SocketsHttpHandler();
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
