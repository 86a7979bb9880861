using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Proxus.Server.Hosting;

/// <summary>
/// Startup filters run when the web host builds the request pipeline, after it has copied
/// <c>urls</c> into the server's addresses and before the server binds. The server binds those URLs
/// as endpoints of its own (<see cref="HttpEndpointUrls"/>), so the copies are taken back here:
/// Kestrel then has endpoints only, binds exactly the same ones, and has no addresses to warn about
/// overriding. It still lists the bound endpoints in the addresses once started. Without MQTT endpoints the
/// server adds none and Kestrel binds <c>urls</c> as usual.
/// </summary>
internal sealed class HostAddressesStartupFilter(IServer server, HttpEndpointUrls http) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        if (http.AreAdded && server.Features.Get<IServerAddressesFeature>()?.Addresses is { IsReadOnly: false } addresses)
        {
            addresses.Clear();
        }

        return next;
    }
}
