using Microsoft.Extensions.Options;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Writes;

public static class WritesHostingExtensions
{
    /// <summary>
    /// Governed control writes: the request service and its dispatcher, the command publisher on the
    /// in-process broker, the results consumer (one of the server's MQTT consumers, section
    /// <c>MqttConsumer</c>) and the options (<c>Writes</c>). Call after
    /// <c>AddProxusTrust</c> and <c>AddProxusBroker</c>.
    /// </summary>
    public static IHostApplicationBuilder AddProxusWrites(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WriteOptions>().Bind(builder.Configuration.GetSection(WriteOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WriteOptions>, WriteOptionsValidator>();
        services.AddSingleton<ICommandPublisher, BrokerCommandPublisher>();
        services.AddMetrics();
        services.AddSingleton<WriteMetrics>();
        services.AddSingleton<WriteRequestService>();
        services.AddSingleton<WriteLogExporter>();
        services.AddSingleton<SiteWritePolicyService>();
        services.AddHostedService<WriteDispatcher>();
        services.AddProxusMqttConsumers();
        services.AddHostedService<WriteResultsListener>();
        return builder;
    }

    /// <summary>The write API (<see cref="WritesApi"/>).</summary>
    public static IEndpointRouteBuilder MapProxusWritesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWritesApi();
        return endpoints;
    }
}
