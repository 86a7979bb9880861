using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// The server exactly as <c>src/Server/Program.cs</c> builds it, in memory (TestServer, no sockets),
/// on an embedded database in a temporary data directory: what it maps is what production maps.
/// </summary>
public sealed class RealServer : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("proxus-real-server-").FullName;

    /// <summary>Every route endpoint the real server maps (the host starts on first use).</summary>
    public IReadOnlyList<RouteEndpoint> RouteEndpoints => [.. Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Server:DataDirectory", _dataDirectory);
        builder.UseSetting("Mqtt:DataDirectory", string.Empty);
        builder.UseSetting("Mqtt:TlsPort", "0");
        builder.UseSetting("MqttConsumer:Enabled", "false");
        builder.UseSetting("Observability:Metrics:ScrapeToken", TrustWebHost.ScrapeToken);
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
