using System.Diagnostics.Metrics;

namespace Proxus.Server.Observability;

/// <summary>
/// Collects the server's <see cref="System.Diagnostics.Metrics"/> instruments with a
/// <see cref="MeterListener"/> and renders them as a Prometheus text exposition. Only meters created
/// by this host's <see cref="IMeterFactory"/> are read (our <c>Proxus.*</c> meters and ASP.NET
/// Core's hosting and Kestrel meters), so two hosts in one process never mix their figures.
/// Observable instruments are read at each scrape; synchronous ones are aggregated as they record.
/// </summary>
public sealed partial class MetricsCollector : IHostedService, IDisposable
{
    private static readonly HashSet<string> FrameworkMeters = new(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
    };

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly IMeterFactory _meterFactory;
    private readonly ILogger<MetricsCollector> _logger;
    private readonly MeterListener _listener = new();
    private readonly Lock _familiesGate = new();
    private readonly Lock _scrapeGate = new();
    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    public MetricsCollector(IMeterFactory meterFactory, ILogger<MetricsCollector> logger)
    {
        _meterFactory = meterFactory;
        _logger = logger;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.SetMeasurementEventCallback<byte>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>((instrument, value, tags, state) => Record(state, (double)value, tags));

        // Listening from construction: the host builds every hosted service before starting the
        // first, so the start-up work (migrations, CA loading) is measured too.
        _listener.Start();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads every observable instrument and renders every family with samples, sorted by name.</summary>
    public string Scrape()
    {
        lock (_scrapeGate)
        {
            MetricFamily[] families;
            lock (_familiesGate)
            {
                families = [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
            }

            foreach (var family in families.Where(f => f.IsObservable))
            {
                family.ClearObservations();
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (Exception e)
            {
                // One failing callback must not cost the scraper every other series.
                LogObservationFailed(_logger, e);
            }

            var writer = new PrometheusTextWriter();
            foreach (var family in families)
            {
                family.WriteTo(writer);
            }

            return writer.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        => ((MetricFamily)state!).Record(value, tags);

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!ReferenceEquals(meter.Scope, _meterFactory)
            || !(meter.Name.StartsWith("Proxus.", StringComparison.Ordinal) || FrameworkMeters.Contains(meter.Name)))
        {
            return;
        }

        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        var (kind, accumulates) = definition switch
        {
            _ when definition == typeof(Counter<>) => (MetricKind.Counter, true),
            _ when definition == typeof(UpDownCounter<>) => (MetricKind.Gauge, true),
            _ when definition == typeof(Histogram<>) => (MetricKind.Histogram, false),
            _ when definition == typeof(ObservableCounter<>) => (MetricKind.Counter, false),
            _ => (MetricKind.Gauge, false),
        };
        var name = PrometheusText.MetricName(instrument.Name, instrument.Unit, kind);
        MetricFamily family;
        lock (_familiesGate)
        {
            if (_families.TryGetValue(name, out var existing))
            {
                if (existing.Kind != kind || existing.IsObservable != instrument.IsObservable)
                {
                    LogNameClash(_logger, instrument.Name, meter.Name, name);
                    return;
                }

                family = existing;
            }
            else
            {
                var bounds = kind == MetricKind.Histogram ? BucketsOf(instrument) : null;
                family = new MetricFamily(name, instrument.Description, kind, instrument.IsObservable, accumulates, bounds);
                _families.Add(name, family);
            }
        }

        listener.EnableMeasurementEvents(instrument, family);
    }

    private static double[] BucketsOf(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        return advised is { Length: > 0 } ? advised : instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets;
    }

    [LoggerMessage(EventId = 9500, Level = LogLevel.Warning, Message = "Reading the observable instruments failed; the scrape shows what was read")]
    private static partial void LogObservationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9501, Level = LogLevel.Warning, Message = "Instrument {Instrument} of meter {Meter} is not exposed: {Name} already names a metric of another type")]
    private static partial void LogNameClash(ILogger logger, string instrument, string meter, string name);
}
