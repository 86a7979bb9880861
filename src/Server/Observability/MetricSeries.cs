namespace Proxus.Server.Observability;

/// <summary>One time series of a <see cref="MetricFamily"/>: a label set and its value or histogram.</summary>
internal sealed class MetricSeries
{
    private readonly Lock _gate = new();
    private readonly double[]? _bounds;
    private readonly long[]? _buckets;
    private double _value;
    private double _sum;

    public MetricSeries(string labels, double[]? bounds)
    {
        Labels = labels;
        _bounds = bounds;
        _buckets = bounds is null ? null : new long[bounds.Length + 1];
    }

    public string Labels { get; }

    public void Add(double value)
    {
        lock (_gate)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _value = value;
        }
    }

    /// <summary>A histogram observation: counted in the first bucket whose upper bound it does not exceed.</summary>
    public void Record(double value)
    {
        var bounds = _bounds!;
        var index = 0;
        while (index < bounds.Length && value > bounds[index])
        {
            index++;
        }

        lock (_gate)
        {
            _buckets![index]++;
            _sum += value;
        }
    }

    public void WriteTo(PrometheusTextWriter writer, string name, MetricKind kind)
    {
        lock (_gate)
        {
            if (kind == MetricKind.Histogram)
            {
                writer.WriteHistogram(name, Labels, _bounds, _buckets, _sum);
            }
            else
            {
                writer.WriteSample(name, Labels, _value);
            }
        }
    }
}
