using System.Text;

namespace Proxus.Server.Observability;

/// <summary>
/// Writes a Prometheus text exposition (format 0.0.4): one <c># HELP</c> and <c># TYPE</c> line per
/// metric family, then its samples, each line ending in a line feed. Labels arrive pre-rendered by
/// <see cref="PrometheusText.Labels"/>; names by <see cref="PrometheusText.MetricName"/>.
/// </summary>
public sealed class PrometheusTextWriter
{
    private readonly StringBuilder _builder = new();

    public void WriteFamily(string name, string? help, MetricKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!string.IsNullOrEmpty(help))
        {
            _builder.Append("# HELP ").Append(name).Append(' ');
            PrometheusText.AppendEscapedHelp(_builder, help);
            _builder.Append('\n');
        }

        _builder.Append("# TYPE ").Append(name).Append(' ').Append(kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
    }

    /// <summary>One sample: <c>name{labels} value</c>.</summary>
    public void WriteSample(string name, string labels, double value)
    {
        _builder.Append(name);
        if (labels.Length > 0)
        {
            _builder.Append('{').Append(labels).Append('}');
        }

        _builder.Append(' ').Append(PrometheusText.FormatValue(value)).Append('\n');
    }

    /// <summary>
    /// A histogram's samples: cumulative <c>_bucket</c> counts per upper bound <c>le</c> ending with
    /// <c>+Inf</c> (equal to the count), then <c>_sum</c> and <c>_count</c>.
    /// </summary>
    /// <param name="name">The family name.</param>
    /// <param name="labels">The series' labels.</param>
    /// <param name="bounds">The finite upper bounds, ascending.</param>
    /// <param name="bucketCounts">Observations per bucket (not cumulative): one per bound, then the overflow bucket.</param>
    /// <param name="sum">The sum of every observation.</param>
    public void WriteHistogram(string name, string labels, ReadOnlySpan<double> bounds, ReadOnlySpan<long> bucketCounts, double sum)
    {
        if (bucketCounts.Length != bounds.Length + 1)
        {
            throw new ArgumentException("A histogram has one bucket per bound plus the +Inf bucket.", nameof(bucketCounts));
        }

        long cumulative = 0;
        var bucket = name + "_bucket";
        var prefix = labels.Length > 0 ? labels + "," : string.Empty;
        for (var i = 0; i < bucketCounts.Length; i++)
        {
            cumulative += bucketCounts[i];
            var bound = i < bounds.Length ? PrometheusText.FormatValue(bounds[i]) : "+Inf";
            WriteSample(bucket, prefix + "le=\"" + bound + "\"", cumulative);
        }

        WriteSample(name + "_sum", labels, sum);
        WriteSample(name + "_count", labels, cumulative);
    }

    public override string ToString() => _builder.ToString();
}
