using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proxus.Server.Hosting;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// The server with telemetry: trust services (migrations), <see cref="TelemetryHostingExtensions"/>,
/// the history API on plain HTTP at 127.0.0.1 (OS-assigned port) and a header test scheme for
/// authentication (the IAM schemes come later).
/// </summary>
public sealed class TelemetryWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelemetryWebHost(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public static async Task<TelemetryWebHost> StartAsync(TestDatabase database, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = TrustHost.Configuration(database);
        configure?.Invoke(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(HeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HeaderAuthenticationHandler>(HeaderAuthenticationHandler.SchemeName, null);
        builder.AddProxusTrust();
        builder.AddProxusTelemetry();

        // These tests cover storage and the API's behaviour; who may read history is IAM's policy,
        // proven by the role matrix. Here the header scheme's user is enough.
        builder.Services.AddAuthorizationBuilder().AddPolicy(HistoryApi.ReadPolicy, policy => policy
            .AddAuthenticationSchemes(HeaderAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapProxusTelemetryApi();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await app.StartAsync(timeout.Token);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TelemetryWebHost(app, new Uri(address));
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    internal ITelemetryStore Store => Get<ITelemetryStore>();

    /// <summary>A client; authenticated as <paramref name="user"/> unless null.</summary>
    public HttpClient CreateClient(string? user = "historian")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(HeaderAuthenticationHandler.HeaderName, user);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
