using Proxus.Server.Api;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;

namespace Proxus.Server.Hosting;

public static class TrustHostingExtensions
{
    /// <summary>
    /// Persistence, internal CA, enrollment, audit log, IAM, signed agent configuration and security
    /// monitoring (alerts), plus the
    /// start-up work they need (migrations, CA initialization) before the server accepts connections.
    /// </summary>
    public static IHostApplicationBuilder AddProxusTrust(this IHostApplicationBuilder builder)
    {
        builder.AddProxusData();
        builder.AddProxusPki();
        builder.AddProxusAudit();
        builder.AddProxusEnrollment();
        builder.AddProxusIam();
        builder.AddProxusApi();
        builder.AddProxusAgentConfiguration();
        builder.AddProxusMonitoring();

        // Registered before the hosted services above so that it runs first.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ServerInitializer>());
        return builder;
    }

    /// <summary>The HTTP endpoints of the trust services, the IAM REST API and the agent configuration API (<see cref="ApiEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapProxusTrustApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPkiApi();
        endpoints.MapEnrollmentApi();
        endpoints.MapProxusApi();
        endpoints.MapAgentConfigApi();
        return endpoints;
    }
}
