using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Proxus.Server.Data;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Telemetry;

public static class TelemetryHostingExtensions
{
    /// <summary>
    /// Telemetry history: the store for the configured database, the ingest pipeline
    /// (<see cref="ITelemetryIngest"/>) and the UNS consumer that feeds it (section <c>MqttConsumer</c>
    /// says which broker), the last-value cache, partition and
    /// retention maintenance. The history policy is IAM's, the object-level check
    /// <see cref="TagAccess"/>'s (over IAM's site access). Call after
    /// <c>AddProxusTrust</c>, whose start-up migrations must run before ingest begins.
    /// </summary>
    public static IHostApplicationBuilder AddProxusTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITelemetryStore>(provider =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var telemetry = provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            return database.Provider == DatabaseProvider.PostgreSql
                ? new PostgresTelemetryStore(NpgsqlDataSource.Create(database.EffectiveConnectionString), telemetry, time)
                : new SqliteTelemetryStore(database.EffectiveConnectionString, telemetry.RetentionDeleteChunk, time);
        });
        services.AddSingleton(provider => new LastValueCache(provider.GetRequiredService<ITelemetryStore>()));
        services.AddScoped<TagAccess>();
        services.AddSingleton<TelemetryIngestCounters>();
        services.AddSingleton<TelemetryIngestService>();
        services.AddSingleton<ITelemetryIngest>(provider => provider.GetRequiredService<TelemetryIngestService>());
        services.AddHostedService(provider => provider.GetRequiredService<TelemetryIngestService>());
        services.AddSingleton<TelemetryMaintenanceService>();
        services.AddHostedService(provider => provider.GetRequiredService<TelemetryMaintenanceService>());

        // Registered after the pipeline: hosted services stop in reverse order, so the consumer stops
        // taking messages (and acknowledges what commits meanwhile) before the pipeline stops.
        services.AddProxusMqttConsumers();
        services.AddHostedService<UnsIngestConsumer>();
        return builder;
    }

    /// <summary>The history REST API (<see cref="HistoryApi"/>).</summary>
    public static IEndpointRouteBuilder MapProxusTelemetryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHistoryApi();
        return endpoints;
    }
}
