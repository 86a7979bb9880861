using System.Globalization;
using System.Text;

namespace Proxus.Server.Observability;

/// <summary>
/// The rules of the Prometheus text exposition format 0.0.4: metric and label names, label value
/// and HELP escaping, sample values. Instrument names become metric names the way the
/// OpenTelemetry Prometheus exporters do it (dots to underscores, a unit suffix, <c>_total</c> on counters).
/// </summary>
public static class PrometheusText
{
    /// <summary>The Content-Type of a text exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The metric name for an instrument: characters outside <c>[a-zA-Z0-9_:]</c> become underscores,
    /// the unit is appended as a word (<c>s</c> as <c>_seconds</c>, <c>By</c> as <c>_bytes</c>;
    /// annotations in braces and <c>1</c> add nothing), counters end in <c>_total</c>.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(instrumentName);
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>A label name: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, other characters replaced by underscores.</summary>
    public static string LabelName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Sanitize(name, allowColon: false);
    }

    /// <summary>Appends a label value escaped as the format requires: backslash, double quote and line feed.</summary>
    public static void AppendEscapedLabelValue(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Appends HELP text escaped as the format requires: backslash and line feed.</summary>
    public static void AppendEscapedHelp(StringBuilder builder, string help)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(help);
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>
    /// The label set of a series, rendered once: <c>name="value"</c> pairs sorted by name, joined by
    /// commas, without braces; empty for no labels. Null values render as empty strings.
    /// </summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(LabelName(key)).Append("=\"");
            AppendEscapedLabelValue(builder, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            builder.Append('"');
        }

        return builder.ToString();
    }

    /// <summary>A sample value as Go's ParseFloat reads it: shortest round-trip, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => string.Empty,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ when unit.StartsWith('{') => string.Empty,
        _ => Sanitize(unit, allowColon: false),
    };

    private static string Sanitize(string name, bool allowColon)
    {
        return string.Create(name.Length, (name, allowColon), static (span, state) =>
        {
            for (var i = 0; i < state.name.Length; i++)
            {
                var c = state.name[i];
                var valid = char.IsAsciiLetter(c) || c == '_' || (state.allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
                span[i] = valid ? c : '_';
            }
        });
    }
}
