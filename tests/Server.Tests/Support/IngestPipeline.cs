using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Support;

/// <summary>A started <see cref="TelemetryIngestService"/> over a given store, stopped on dispose.</summary>
internal sealed class IngestPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _meters;
    private bool _stopped;

    private IngestPipeline(ITelemetryStore store, TelemetryOptions options)
    {
        _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Counters = new TelemetryIngestCounters(_meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        Cache = new LastValueCache(store);
        Service = new TelemetryIngestService(store, Cache, Counters, Options.Create(options), TimeProvider.System, NullLogger<TelemetryIngestService>.Instance);
    }

    public TelemetryIngestService Service { get; }

    public TelemetryIngestCounters Counters { get; }

    public LastValueCache Cache { get; }

    public static async Task<IngestPipeline> StartAsync(ITelemetryStore store, Action<TelemetryOptions>? configure = null)
    {
        var options = new TelemetryOptions { BatchDelay = TimeSpan.FromMilliseconds(50), RetryDelay = TimeSpan.FromMilliseconds(50) };
        configure?.Invoke(options);
        var pipeline = new IngestPipeline(store, options);
        await pipeline.Service.StartAsync(CancellationToken.None);
        return pipeline;
    }

    /// <summary>Stops the service as a shutdown would: uncommitted messages are abandoned.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Service.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Service.Dispose();
        await _meters.DisposeAsync();
    }
}
