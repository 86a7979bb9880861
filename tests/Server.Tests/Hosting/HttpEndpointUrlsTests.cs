using Microsoft.Extensions.Configuration;
using Proxus.Server.Hosting;

namespace Proxus.Server.Tests.Hosting;

/// <summary>The server reads its HTTP endpoints as ASP.NET Core does, so that it can bind them itself.</summary>
public sealed class HttpEndpointUrlsTests
{
    [Fact]
    public void Read_Urls_EachOne()
    {
        var read = HttpEndpointUrls.Read(Configuration(new() { ["urls"] = "https://+:8443; http://127.0.0.1:5080" }));

        read.Urls.Should().Equal("https://+:8443", "http://127.0.0.1:5080");
    }

    [Fact]
    public void Read_PortsOnly_ExpandedLikeTheWebHost()
    {
        var read = HttpEndpointUrls.Read(Configuration(new() { ["http_ports"] = "8080;8081", ["https_ports"] = "8443" }));

        read.Urls.Should().Equal("http://*:8080", "http://*:8081", "https://*:8443");
    }

    [Fact]
    public void Read_UrlsAndPorts_UrlsWin()
    {
        // The .NET container images set ASPNETCORE_HTTP_PORTS=8080; ours sets ASPNETCORE_URLS.
        var read = HttpEndpointUrls.Read(Configuration(new() { ["urls"] = "https://+:8443", ["http_ports"] = "8080" }));

        read.Urls.Should().Equal("https://+:8443");
    }

    [Fact]
    public void Read_Nothing_KestrelsDefault()
    {
        HttpEndpointUrls.Read(Configuration([])).Urls.Should().Equal("http://localhost:5000");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
