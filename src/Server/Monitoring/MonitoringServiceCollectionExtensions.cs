using Microsoft.Extensions.Options;

namespace Proxus.Server.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Security monitoring: the alert engine (also the <see cref="ISecurityEventSink"/>), the alert
    /// store, the publish-rate monitor the broker hooks feed, syslog and webhook forwarding and the
    /// periodic export of the signed audit head, with options validated at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddProxusMonitoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<MonitoringOptions>>().Value.Rules);
        services.AddSingleton<AlertStore>();
        services.AddSingleton<IAgentDirectory, DatabaseAgentDirectory>();
        services.AddSingleton<CertificateExpiryRule>();
        services.AddSingleton<IAgentPresenceSource, StatusStoreAgentPresence>();
        services.AddSingleton<PublishRateMonitor>();
        services.AddSingleton<SyslogClient>();
        services.AddSingleton<SyslogAlertForwarder>();
        services.AddSingleton<WebhookAlertForwarder>();
        services.AddSingleton<IAlertForwarder>(provider => provider.GetRequiredService<SyslogAlertForwarder>());
        services.AddSingleton<IAlertForwarder>(provider => provider.GetRequiredService<WebhookAlertForwarder>());
        services.AddHostedService(provider => provider.GetRequiredService<SyslogAlertForwarder>());
        services.AddHostedService(provider => provider.GetRequiredService<WebhookAlertForwarder>());
        services.AddSingleton<AlertEngine>();
        services.AddSingleton<ISecurityEventSink>(provider => provider.GetRequiredService<AlertEngine>());
        services.AddHostedService(provider => provider.GetRequiredService<AlertEngine>());
        services.AddHostedService<AuditHeadSyslogExporter>();
        return builder;
    }
}
