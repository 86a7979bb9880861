using Proxus.Server.Data;

namespace Proxus.Server.Hosting;

public static class TrustHostingExtensions
{
    /// <summary>
    /// Persistence, internal CA, enrollment and audit log, plus the start-up work they need
    /// (migrations, CA initialization) before the server accepts connections.
    /// </summary>
    public static IHostApplicationBuilder AddProxusTrust(this IHostApplicationBuilder builder)
    {
        builder.AddProxusData();
        builder.Services.AddHostedService<ServerInitializer>();
        return builder;
    }
}
