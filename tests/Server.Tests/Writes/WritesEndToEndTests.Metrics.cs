using System.Net;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Tests.Observability;
using Proxus.Server.Writes;
using Proxus.Server.Writes.Contracts;

namespace Proxus.Server.Tests.Writes;

/// <summary>The <c>Proxus.Writes</c> meter at <c>/metrics</c>, driven by real requests through their lifecycle.</summary>
public abstract partial class WritesEndToEndTests
{
    [Fact]
    public async Task Metrics_RequestsThroughTheirLifecycle_CountedAtTheMetricsEndpoint()
    {
        var before = await MetricsScrape.ScrapeAsync(scenario.Server);
        var (_, offline, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Remote, "4");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{offline!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);
        var (_, executed, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "321");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{executed!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);
        var (_, refused, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "12");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{refused!.Id:D}/reject", new RejectWriteRequest("not now"))).Should().Be(HttpStatusCode.OK);
        var (_, withdrawn, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "13");
        (await WritesScenario.PostAsync(scenario.Engineer, $"/api/v1/writes/{withdrawn!.Id:D}/cancel")).Should().Be(HttpStatusCode.OK);
        (await scenario.WaitForAsync(executed.Id, WriteState.Succeeded, WriteState.Failed)).State.Should().Be(nameof(WriteState.Succeeded));
        (await scenario.WaitForAsync(offline.Id, WriteState.TimedOut)).State.Should().Be(nameof(WriteState.TimedOut), "agent 2 never connects");

        var after = await MetricsScrape.ScrapeAsync(scenario.Server);

        double Delta(string series) => MetricsScrape.Value(after, series) - MetricsScrape.Value(before, series);
        Delta("proxus_writes_requests_created_total").Should().Be(4);
        Delta("proxus_writes_requests_approved_total").Should().Be(2);
        Delta("proxus_writes_requests_rejected_total").Should().Be(1);
        Delta("proxus_writes_requests_closed_total{reason=\"cancelled\"}").Should().Be(1);
        Delta("proxus_writes_commands_dispatched_total").Should().Be(2);
        Delta("proxus_writes_commands_timed_out_total").Should().Be(1);
        Delta("proxus_writes_commands_completed_total{late=\"false\",outcome=\"succeeded\"}").Should().Be(1);
        Delta("proxus_writes_request_duration_seconds_count{outcome=\"succeeded\"}").Should().Be(1);
        Delta("proxus_writes_command_duration_seconds_count{outcome=\"succeeded\"}").Should().Be(1);
        Delta("proxus_writes_request_duration_seconds_sum{outcome=\"succeeded\"}").Should().BePositive();
    }

    [Fact]
    public async Task Metrics_InFlight_FollowsTheDatabaseCountOfRequestedWrites()
    {
        var (_, pending, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "14");

        var withPending = await InFlightMatchesTheDatabaseAsync();
        (await WritesScenario.PostAsync(scenario.Engineer, $"/api/v1/writes/{pending!.Id:D}/cancel")).Should().Be(HttpStatusCode.OK);
        var withoutPending = await InFlightMatchesTheDatabaseAsync();

        withPending.Should().BeGreaterThanOrEqualTo(1);
        withoutPending.Should().BeLessThanOrEqualTo(withPending - 1, "the cancelled request is no longer in flight");
    }

    /// <summary>Scrapes until the gauge of requested writes equals the database's count (the next sweep); returns it.</summary>
    private async Task<long> InFlightMatchesTheDatabaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = await MetricsScrape.ScrapeAsync(scenario.Server);
            await using var db = scenario.Server.CreateDbContext();
            var requested = await db.WriteRequests.CountAsync(r => r.State == WriteState.Requested, timeout.Token);
            if (text.Contains("proxus_writes_in_flight{state=\"requested\"}", StringComparison.Ordinal)
                && MetricsScrape.Value(text, "proxus_writes_in_flight{state=\"requested\"}") == requested)
            {
                text.Should().Contain("proxus_writes_in_flight{state=\"approved\"} ").And.Contain("proxus_writes_in_flight{state=\"dispatched\"} ");
                return requested;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
