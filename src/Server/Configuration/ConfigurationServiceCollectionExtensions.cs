using Microsoft.Extensions.Options;

namespace Proxus.Server.Configuration;

public static class ConfigurationServiceCollectionExtensions
{
    /// <summary>Tag-map versions, signed agent configurations, their renewal and options (<c>AgentConfig</c>).</summary>
    public static IHostApplicationBuilder AddProxusAgentConfiguration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentConfigOptions>().Bind(builder.Configuration.GetSection(AgentConfigOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AgentConfigOptions>, AgentConfigOptionsValidator>();
        builder.Services.AddSingleton<AgentConfigIssuer>();
        builder.Services.AddSingleton<ConfigChangeNotifications>();
        builder.Services.AddSingleton<TagMapVersionCache>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<AgentConfigMetrics>();
        builder.Services.AddSingleton<TagMapService>();
        builder.Services.AddSingleton<AgentConfigService>();
        builder.Services.AddSingleton<AgentCertificateFilter>();
        builder.Services.AddHostedService<AgentConfigRenewalService>();
        return builder;
    }
}
