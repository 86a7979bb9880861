using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Proxus.Server.Hosting;

/// <summary>
/// The HTTP(S) endpoints the server was asked for, read as ASP.NET Core reads them: <c>urls</c>
/// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>), else <c>http_ports</c>/<c>https_ports</c>
/// (<c>ASPNETCORE_HTTP_PORTS</c>), else <c>http://localhost:5000</c>. The server adds endpoints in
/// code (MQTT), and Kestrel then binds only those, warning "Overriding address(es)" at every start
/// about the URLs the web host handed it; so the server adds these to Kestrel itself
/// (<see cref="AddTo"/>) and <see cref="HostAddressesStartupFilter"/> takes the web host's copies back.
/// </summary>
public sealed class HttpEndpointUrls
{
    private const string DefaultUrl = "http://localhost:5000";

    private HttpEndpointUrls(IReadOnlyList<string> urls)
    {
        Urls = urls;
    }

    public IReadOnlyList<string> Urls { get; }

    /// <summary>True once <see cref="AddTo"/> added them to Kestrel: the web host's copies are then to be taken back.</summary>
    public bool AreAdded { get; private set; }

    public static HttpEndpointUrls Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Count == 0)
        {
            urls = [.. Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"http://*:{port}"),
                .. Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"https://*:{port}")];
        }

        return new HttpEndpointUrls(urls.Count == 0 ? [DefaultUrl] : urls);
    }

    /// <summary>Adds every endpoint to Kestrel (HTTPS with Kestrel's HTTPS defaults: the server certificate of our CA).</summary>
    public void AddTo(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        AreAdded = true;
        foreach (var url in Urls)
        {
            var address = Microsoft.AspNetCore.Http.BindingAddress.Parse(url);
            var https = string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase);
            Action<ListenOptions> configure = https ? l => l.UseHttps() : _ => { };
            if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(address.Port, configure);
            }
            else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            {
                kestrel.Listen(ip, address.Port, configure);
            }
            else
            {
                kestrel.ListenAnyIP(address.Port, configure);
            }
        }
    }

    private static List<string> Split(string? value)
        => [.. (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
