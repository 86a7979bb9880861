using Microsoft.Extensions.DependencyInjection.Extensions;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Fleet.Status;

public static class AgentStatusHostingExtensions
{
    /// <summary>
    /// The agent status store (<see cref="IAgentStatusStore"/>) and its MQTT consumer of
    /// <c>proxus/agents/+/status</c> (section <c>MqttConsumer</c> says which broker).
    /// </summary>
    public static IHostApplicationBuilder AddProxusAgentStatus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddProxusMqttConsumers();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new AgentStatusStore(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AgentStatusStore>>()));
        services.AddSingleton<IAgentStatusStore>(provider => provider.GetRequiredService<AgentStatusStore>());
        services.AddHostedService<AgentStatusConsumer>();
        return builder;
    }
}
