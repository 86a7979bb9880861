using System.Collections.Concurrent;

namespace Proxus.Server.Observability;

/// <summary>
/// The series of one instrument under its Prometheus name. Synchronous counters accumulate,
/// observable instruments and gauges take the value last observed, histograms count observations
/// in buckets. Observable families are refilled at every scrape, so a series that is no longer
/// observed disappears.
/// </summary>
internal sealed class MetricFamily(string name, string? help, MetricKind kind, bool isObservable, bool accumulates, double[]? bounds)
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public MetricKind Kind { get; } = kind;

    public bool IsObservable { get; } = isObservable;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(tags);
        if (!_series.TryGetValue(labels, out var series))
        {
            series = _series.GetOrAdd(labels, static (key, bounds) => new MetricSeries(key, bounds), bounds);
        }

        if (Kind == MetricKind.Histogram)
        {
            series.Record(value);
        }
        else if (accumulates)
        {
            series.Add(value);
        }
        else
        {
            series.Set(value);
        }
    }

    public void ClearObservations() => _series.Clear();

    public void WriteTo(PrometheusTextWriter writer)
    {
        var series = _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal).ToList();
        if (series.Count == 0)
        {
            return;
        }

        writer.WriteFamily(Name, help, Kind);
        foreach (var one in series)
        {
            one.WriteTo(writer, Name, Kind);
        }
    }
}
