using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxus.Server.Mqtt;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Support;

/// <summary>The UNS consumer alone, in a generic host, feeding a given <see cref="ITelemetryIngest"/>.</summary>
internal sealed class IngestConsumerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private IngestConsumerHost(IHost host) => _host = host;

    public static async Task<IngestConsumerHost> StartAsync(ITelemetryIngest ingest, Uri broker, string clientId, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MqttConsumer:Url"] = broker.ToString(),
            ["MqttConsumer:ClientId"] = clientId,
        };
        configure?.Invoke(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(ingest);
        builder.Services.AddProxusMqttConsumers();
        builder.Services.AddHostedService<UnsIngestConsumer>();
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);

        // Messages published before the subscription exists would go nowhere.
        await host.Services.GetServices<IHostedService>().OfType<UnsIngestConsumer>().Single().Subscribed.WaitAsync(timeout.Token);
        return new IngestConsumerHost(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _host.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
