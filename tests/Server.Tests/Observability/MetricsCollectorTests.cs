using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Server.Observability;

namespace Proxus.Server.Tests.Observability;

public sealed class MetricsCollectorTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private MetricsCollector _collector = null!;

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public Task InitializeAsync()
    {
        _collector = new MetricsCollector(Factory, NullLogger<MetricsCollector>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _collector.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public void Scrape_CounterAdds_SummedPerLabelSet()
    {
        var counter = Factory.Create("Proxus.Test").CreateCounter<long>("proxus.test.requests", "{request}", "Requests.");

        counter.Add(2, new KeyValuePair<string, object?>("code", "200"));
        counter.Add(3, new KeyValuePair<string, object?>("code", "200"));
        counter.Add(1, new KeyValuePair<string, object?>("code", "500"));

        _collector.Scrape().Should().Be(
            "# HELP proxus_test_requests_total Requests.\n" +
            "# TYPE proxus_test_requests_total counter\n" +
            "proxus_test_requests_total{code=\"200\"} 5\n" +
            "proxus_test_requests_total{code=\"500\"} 1\n");
    }

    [Fact]
    public void Scrape_HistogramWithAdvice_ObservationsInAdvisedBuckets()
    {
        var histogram = Factory.Create("Proxus.Test").CreateHistogram("proxus.test.duration", "s", "Durations.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });

        histogram.Record(0.05);
        histogram.Record(0.1);
        histogram.Record(0.5);
        histogram.Record(7);

        _collector.Scrape().Should().Be(
            "# HELP proxus_test_duration_seconds Durations.\n" +
            "# TYPE proxus_test_duration_seconds histogram\n" +
            "proxus_test_duration_seconds_bucket{le=\"0.1\"} 2\n" +
            "proxus_test_duration_seconds_bucket{le=\"1\"} 3\n" +
            "proxus_test_duration_seconds_bucket{le=\"+Inf\"} 4\n" +
            "proxus_test_duration_seconds_sum 7.65\n" +
            "proxus_test_duration_seconds_count 4\n");
    }

    [Fact]
    public void Scrape_ObservableInstruments_ReadAtEachScrapeAndStaleSeriesDropped()
    {
        var meter = Factory.Create("Proxus.Test");
        var agents = new List<string> { "a", "b" };
        meter.CreateObservableGauge("proxus.test.depth", () => agents.Select(a => new Measurement<int>(a.Length, new KeyValuePair<string, object?>("agent", a))).ToList(), "{message}", "Depth.");
        long sent = 10;
        meter.CreateObservableCounter("proxus.test.sent", () => sent, "{message}", "Sent.");

        var first = _collector.Scrape();
        agents.Remove("a");
        sent = 12;
        var second = _collector.Scrape();

        first.Should().Contain("proxus_test_depth{agent=\"a\"} 1\n").And.Contain("proxus_test_sent_total 10\n");
        second.Should().NotContain("agent=\"a\"").And.Contain("proxus_test_depth{agent=\"b\"} 1\n").And.Contain("proxus_test_sent_total 12\n");
    }

    [Fact]
    public void Scrape_UpDownCounter_GaugeOfTheRunningSum()
    {
        var active = Factory.Create("Proxus.Test").CreateUpDownCounter<int>("proxus.test.active", "{request}", "Active.");

        active.Add(3);
        active.Add(-1);

        _collector.Scrape().Should().Contain("# TYPE proxus_test_active gauge\nproxus_test_active 2\n");
    }

    [Fact]
    public void Scrape_MeterOfAnotherFactoryOrNotOurs_NotExposed()
    {
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherServices.GetRequiredService<IMeterFactory>().Create("Proxus.Test").CreateCounter<long>("proxus.test.elsewhere").Add(1);
        Factory.Create("Some.Library").CreateCounter<long>("library.calls").Add(1);
        using var global = new Meter("Proxus.Test");
        global.CreateCounter<long>("proxus.test.global").Add(1);

        _collector.Scrape().Should().BeEmpty();
    }

    [Fact]
    public void Scrape_ObservableCallbackThrows_OtherSeriesStillWritten()
    {
        var meter = Factory.Create("Proxus.Test");
        Func<int> broken = () => throw new InvalidOperationException("boom");
        meter.CreateObservableGauge("proxus.test.broken", broken);
        meter.CreateCounter<long>("proxus.test.fine").Add(4);

        _collector.Scrape().Should().Contain("proxus_test_fine_total 4\n");
    }

    [Fact]
    public void Scrape_NameClashOfDifferentTypes_SecondInstrumentIgnored()
    {
        var meter = Factory.Create("Proxus.Test");
        meter.CreateUpDownCounter<long>("proxus.test.clash").Add(5);
        meter.CreateObservableGauge("proxus.test.clash", () => 9);

        _collector.Scrape().Should().Be("# TYPE proxus_test_clash gauge\nproxus_test_clash 5\n");
    }
}
