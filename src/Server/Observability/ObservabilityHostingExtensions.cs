using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Proxus.Mqtt.Broker;
using Proxus.Server.Fleet.Status;

namespace Proxus.Server.Observability;

/// <summary>Prometheus metrics at <c>/metrics</c>, liveness at <c>/healthz</c> and readiness at <c>/readyz</c>.</summary>
public static class ObservabilityHostingExtensions
{
    public const string MetricsPath = "/metrics";
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The metrics collector (<c>Observability:Metrics</c>, validated at start-up), the per-agent
    /// series when <c>AddProxusAgentStatus</c> was called before, and the readiness checks: database,
    /// certificate authority, and the broker when <c>AddProxusBroker</c> was called before. Call
    /// after <c>AddProxusTrust</c>, <c>AddProxusBroker</c> and <c>AddProxusAgentStatus</c>.
    /// </summary>
    public static IHostApplicationBuilder AddProxusObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<MetricsCollector>();
        if (builder.Configuration.GetValue($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Enabled)}", defaultValue: true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<MetricsCollector>());
            if (services.Any(s => s.ServiceType == typeof(IAgentStatusStore)))
            {
                services.AddHostedService<AgentStatusMetrics>();
            }
        }

        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready], timeout: CheckTimeout)
            .AddCheck<CertificateAuthorityHealthCheck>("certificate-authority", tags: [HealthTags.Ready], timeout: CheckTimeout);
        if (services.Any(s => s.ServiceType == typeof(MqttBroker)))
        {
            checks.AddCheck<MqttBrokerHealthCheck>("mqtt-broker", tags: [HealthTags.Ready], timeout: CheckTimeout);
        }

        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c> (scrape token, see <see cref="ScrapeTokenFilter"/>; absent when metrics are
    /// disabled), and the anonymous <c>/healthz</c> (the process serves requests) and <c>/readyz</c>
    /// (every readiness check passes; 503 otherwise).
    /// </summary>
    public static IEndpointRouteBuilder MapProxusObservability(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            // Authorized by the scrape token in the filter, not by IAM.
            endpoints.MapGet(MetricsPath, (MetricsCollector collector) => TypedResults.Text(collector.Scrape(), PrometheusText.ContentType))
                .AllowAnonymous()
                .AddEndpointFilter<ScrapeTokenFilter>()
                .ExcludeFromDescription();
        }

        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}
