using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Mqtt;

public static class MqttConsumerHostingExtensions
{
    /// <summary>
    /// What the server's MQTT consumers share: options (section <c>MqttConsumer</c>, validated at
    /// start-up), the server's own credentials for the embedded broker, the client factory.
    /// Idempotent: every consumer's registration calls it.
    /// </summary>
    public static IServiceCollection AddProxusMqttConsumers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<MqttConsumerOptions>().BindConfiguration(MqttConsumerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MqttConsumerOptions>, MqttConsumerOptionsValidator>());
        services.TryAddSingleton<ServerMqttCredentials>();
        services.TryAddSingleton<MqttConsumerClientFactory>();
        return services;
    }
}
