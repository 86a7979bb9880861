using System.Text;
using Proxus.Server.Observability;

namespace Proxus.Server.Tests.Observability;

/// <summary>The text exposition format 0.0.4, against the examples of Prometheus's "Exposition formats" page.</summary>
public sealed class PrometheusTextTests
{
    [Fact]
    public void WriteSample_SpecCounterExample_ExactLines()
    {
        var writer = new PrometheusTextWriter();

        writer.WriteFamily("http_requests_total", "The total number of HTTP requests.", MetricKind.Counter);
        writer.WriteSample("http_requests_total", "method=\"post\",code=\"200\"", 1027);
        writer.WriteSample("http_requests_total", "method=\"post\",code=\"400\"", 3);

        writer.ToString().Should().Be(
            "# HELP http_requests_total The total number of HTTP requests.\n" +
            "# TYPE http_requests_total counter\n" +
            "http_requests_total{method=\"post\",code=\"200\"} 1027\n" +
            "http_requests_total{method=\"post\",code=\"400\"} 3\n");
    }

    [Fact]
    public void Labels_SpecEscapingExample_BackslashQuoteAndNewlineEscaped()
    {
        KeyValuePair<string, object?>[] tags = [new("path", @"C:\DIR\FILE.TXT"), new("error", "Cannot find file:\n\"FILE.TXT\"")];

        var labels = PrometheusText.Labels(tags);

        // The spec's line, with the labels in name order.
        labels.Should().Be("error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\",path=\"C:\\\\DIR\\\\FILE.TXT\"");
    }

    [Fact]
    public void WriteSample_WithoutLabels_NoBraces()
    {
        var writer = new PrometheusTextWriter();

        writer.WriteSample("metric_without_timestamp_and_labels", string.Empty, 12.47);

        writer.ToString().Should().Be("metric_without_timestamp_and_labels 12.47\n");
    }

    [Fact]
    public void WriteHistogram_SpecExample_CumulativeBucketsSumAndCount()
    {
        var writer = new PrometheusTextWriter();

        writer.WriteFamily("http_request_duration_seconds", "A histogram of the request duration.", MetricKind.Histogram);
        writer.WriteHistogram("http_request_duration_seconds", string.Empty, [0.05, 0.1, 0.2, 0.5, 1], [24054, 9390, 66948, 28997, 4599, 10332], 53423);

        writer.ToString().Should().Be(
            "# HELP http_request_duration_seconds A histogram of the request duration.\n" +
            "# TYPE http_request_duration_seconds histogram\n" +
            "http_request_duration_seconds_bucket{le=\"0.05\"} 24054\n" +
            "http_request_duration_seconds_bucket{le=\"0.1\"} 33444\n" +
            "http_request_duration_seconds_bucket{le=\"0.2\"} 100392\n" +
            "http_request_duration_seconds_bucket{le=\"0.5\"} 129389\n" +
            "http_request_duration_seconds_bucket{le=\"1\"} 133988\n" +
            "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320\n" +
            "http_request_duration_seconds_sum 53423\n" +
            "http_request_duration_seconds_count 144320\n");
    }

    [Fact]
    public void WriteHistogram_WithLabels_LeAppendedToTheSeriesLabels()
    {
        var writer = new PrometheusTextWriter();

        writer.WriteHistogram("d_seconds", "route=\"/a\"", [1], [2, 1], 4.5);

        writer.ToString().Should().Be(
            "d_seconds_bucket{route=\"/a\",le=\"1\"} 2\n" +
            "d_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n" +
            "d_seconds_sum{route=\"/a\"} 4.5\n" +
            "d_seconds_count{route=\"/a\"} 3\n");
    }

    [Fact]
    public void WriteHistogram_BucketCountMismatch_Throws()
    {
        var writer = new PrometheusTextWriter();

        var act = () => writer.WriteHistogram("h", string.Empty, [1, 2], [1, 2], 0);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void WriteFamily_HelpWithBackslashAndNewline_Escaped()
    {
        var writer = new PrometheusTextWriter();

        writer.WriteFamily("m", "a \\ b\nc \"q\"", MetricKind.Gauge);

        writer.ToString().Should().Be("# HELP m a \\\\ b\\nc \"q\"\n# TYPE m gauge\n");
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(-3, "-3")]
    [InlineData(1458255915, "1458255915")]
    [InlineData(1e-7, "1E-07")]
    public void FormatValue_SpecialAndOrdinaryValues_GoParsable(double value, string expected)
        => PrometheusText.FormatValue(value).Should().Be(expected);

    [Theory]
    [InlineData("http.server.request.duration", "s", MetricKind.Histogram, "http_server_request_duration_seconds")]
    [InlineData("proxus.mqtt.messages.received", "{message}", MetricKind.Counter, "proxus_mqtt_messages_received_total")]
    [InlineData("proxus.mqtt.received", "By", MetricKind.Counter, "proxus_mqtt_received_bytes_total")]
    [InlineData("proxus.mqtt.connections", "{connection}", MetricKind.Gauge, "proxus_mqtt_connections")]
    [InlineData("requests_total", null, MetricKind.Counter, "requests_total")]
    [InlineData("latency_seconds", "s", MetricKind.Histogram, "latency_seconds")]
    [InlineData("ratio", "1", MetricKind.Gauge, "ratio")]
    [InlineData("9lives-and:colons", null, MetricKind.Gauge, "_lives_and:colons")]
    public void MetricName_InstrumentNameAndUnit_PrometheusName(string instrument, string? unit, MetricKind kind, string expected)
        => PrometheusText.MetricName(instrument, unit, kind).Should().Be(expected);

    [Theory]
    [InlineData("http.request.method", "http_request_method")]
    [InlineData("le", "le")]
    [InlineData("a:b", "a_b")]
    [InlineData("0x", "_x")]
    public void LabelName_AnyName_ValidLabelName(string name, string expected)
        => PrometheusText.LabelName(name).Should().Be(expected);

    [Fact]
    public void Labels_UnsortedNullAndNumber_SortedByNameRenderedInvariant()
    {
        KeyValuePair<string, object?>[] tags = [new("z", null), new("a", 1.5), new("m.n", "v")];

        PrometheusText.Labels(tags).Should().Be("a=\"1.5\",m_n=\"v\",z=\"\"");
    }

    [Fact]
    public void AppendEscapedLabelValue_Utf8Text_KeptAsIs()
    {
        var builder = new StringBuilder();

        PrometheusText.AppendEscapedLabelValue(builder, "Pressé/Ünit°C");

        builder.ToString().Should().Be("Pressé/Ünit°C");
    }
}
