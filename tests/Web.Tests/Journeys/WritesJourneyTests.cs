using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>
/// Control writes in the portal: the OtEngineer requests (server-side refusals shown on the
/// field), the approver approves with a confirmation and follows the timeline to dispatch, a
/// requester holding Approver is told why they cannot approve their own request, a rejection
/// needs a reason, and the auditor filters and exports the write log.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class WritesJourneyTests(PortalServer server)
{
    [Fact]
    public async Task Approver_ApprovesAnEngineersRequest_TimelineShowsApprovalAndDispatch()
    {
        var site = await WritableSite.CreateAsync(server, LoopbackPort.GetFree());
        var engineer = await site.NewAssignedUserPageAsync(server, Portal.UniqueName("engineer"), "OtEngineer");

        var requestUrl = await RequestWriteAsync(engineer, site, WritableSite.Speed, "42", "raise the line speed for the trial batch");
        await Assertions.Expect(engineer.GetByTestId("success")).ToContainTextAsync("Write requested");
        await Assertions.Expect(engineer.GetByTestId("write-state")).ToHaveTextAsync("Requested");
        await Assertions.Expect(engineer.GetByTestId("approval-refused")).ToHaveCountAsync(0);
        await Assertions.Expect(engineer.GetByRole(AriaRole.Link, new() { Name = "Approve…" })).ToHaveCountAsync(0);
        await Portal.ScreenshotAsync(engineer, "portal-write-requested");
        await engineer.Context.CloseAsync();

        var approver = await Portal.NewUserPageAsync(server, Portal.UniqueName("approver"), "Approver");
        await approver.GotoAsync("writes?state=Requested");
        var row = approver.GetByTestId("writes-table").Locator("tbody tr").Filter(new() { HasText = site.Tag(WritableSite.Speed) });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Requested");
        await Portal.ScreenshotAsync(approver, "portal-writes");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        approver.Url.Should().EndWith(requestUrl);

        await approver.GetByRole(AriaRole.Link, new() { Name = "Approve…" }).ClickAsync();
        await Assertions.Expect(approver.GetByTestId("decision")).ToContainTextAsync("Approve writing 42 to " + site.Tag(WritableSite.Speed));
        await approver.GetByRole(AriaRole.Button, new() { Name = "Confirm approval" }).ClickAsync();
        await Assertions.Expect(approver.GetByTestId("success")).ToContainTextAsync("Approval recorded");

        // No agent is connected: the server signs and publishes the command, and the live
        // timeline shows it dispatched (the result would follow from the agent).
        var timeline = approver.GetByTestId("timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("approved", new() { Timeout = 60_000 });
        await Assertions.Expect(timeline.Locator("tbody tr").Filter(new() { HasText = "dispatched" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var steps = await timeline.Locator("tbody tr").AllInnerTextsAsync();
        steps[0].Should().Contain("requested").And.Contain("user:engineer");
        steps[1].Should().Contain("approval").And.Contain("user:approver").And.Contain("approval 1 of 1");
        steps[2].Should().Contain("approved");
        await Assertions.Expect(approver.GetByRole(AriaRole.Link, new() { Name = "Approve…" })).ToHaveCountAsync(0);
        await Portal.ScreenshotAsync(approver, "portal-write-request");
        await approver.Context.CloseAsync();
    }

    [Fact]
    public async Task Engineer_RequestsAValueOutsideTheLimits_ServerRefusalIsShownOnTheValue()
    {
        var site = await WritableSite.CreateAsync(server, LoopbackPort.GetFree());
        var engineer = await site.NewAssignedUserPageAsync(server, Portal.UniqueName("engineer"), "OtEngineer");

        await engineer.GotoAsync("writes/new");
        await engineer.GetByLabel("Search writable tags by UNS path").FillAsync(site.Prefix + "/Press");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var matches = engineer.GetByTestId("tag-matches");
        await Assertions.Expect(matches).ToContainTextAsync(site.Tag(WritableSite.Speed));
        await Assertions.Expect(matches).ToContainTextAsync(site.Tag(WritableSite.Setpoint));
        await Assertions.Expect(matches).Not.ToContainTextAsync(site.Tag(WritableSite.Counter));
        await Portal.ScreenshotAsync(engineer, "portal-write-new");

        await matches.GetByRole(AriaRole.Link, new() { Name = site.Tag(WritableSite.Speed) }).ClickAsync();
        await Assertions.Expect(engineer.GetByTestId("tag-limits")).ToHaveTextAsync("from 0 to 1000");
        await Assertions.Expect(engineer.GetByLabel("Value (rpm)", new() { Exact = true })).ToHaveAttributeAsync("max", "1000");

        // The browser would stop 1200 (max="1000"); a forged post without that check reaches the server, which refuses it.
        await engineer.GetByTestId("chosen-tag").Locator("form").EvaluateAsync("form => form.noValidate = true");
        await engineer.GetByLabel("Value (rpm)", new() { Exact = true }).FillAsync("1200");
        await engineer.GetByLabel("Reason", new() { Exact = true }).FillAsync("too fast");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Request write" }).ClickAsync();
        var valueError = engineer.Locator(".field", new() { Has = engineer.GetByLabel("Value (rpm)", new() { Exact = true }) }).Locator(".validation-message");
        await Assertions.Expect(valueError).ToContainTextAsync("1000");
        engineer.Url.Should().Contain("writes/new");

        // A value of the wrong type, and no reason: both refused on their fields.
        await engineer.GetByTestId("chosen-tag").Locator("form").EvaluateAsync("form => form.noValidate = true");
        await engineer.GetByLabel("Value (rpm)", new() { Exact = true }).FillAsync("12.5");
        await engineer.GetByLabel("Reason", new() { Exact = true }).FillAsync(string.Empty);
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Request write" }).ClickAsync();
        await Assertions.Expect(engineer.Locator(".field", new() { Has = engineer.GetByLabel("Reason", new() { Exact = true }) }).Locator(".validation-message")).ToContainTextAsync("Say why");
        await engineer.GetByLabel("Reason", new() { Exact = true }).FillAsync("fractional speed");
        await engineer.GetByTestId("chosen-tag").Locator("form").EvaluateAsync("form => form.noValidate = true");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Request write" }).ClickAsync();
        await Assertions.Expect(valueError).Not.ToBeEmptyAsync();
        engineer.Url.Should().Contain("writes/new");
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task RequesterHoldingApprover_OpensOwnRequest_IsToldWhySelfApprovalIsRefused()
    {
        var site = await WritableSite.CreateAsync(server, LoopbackPort.GetFree());
        var engineer = await site.NewAssignedUserPageAsync(server, Portal.UniqueName("both"), "OtEngineer", "Approver");
        var requestUrl = await RequestWriteAsync(engineer, site, WritableSite.Speed, "7", "self-approval attempt");

        await Assertions.Expect(engineer.GetByTestId("approval-refused")).ToContainTextAsync("You requested this write");
        await Assertions.Expect(engineer.GetByRole(AriaRole.Link, new() { Name = "Approve…" })).ToHaveCountAsync(0);
        await Portal.ScreenshotAsync(engineer, "portal-write-self-approval");

        // The confirmation step by URL offers nothing to confirm either.
        await engineer.GotoAsync(requestUrl + "?decide=approve");
        await Assertions.Expect(engineer.GetByRole(AriaRole.Button, new() { Name = "Confirm approval" })).ToHaveCountAsync(0);
        await Assertions.Expect(engineer.GetByTestId("write-state")).ToHaveTextAsync("Requested");

        // The requester may withdraw it instead.
        await engineer.GetByRole(AriaRole.Link, new() { Name = "Cancel request…" }).ClickAsync();
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Confirm cancellation" }).ClickAsync();
        await Assertions.Expect(engineer.GetByTestId("write-state")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(engineer.GetByTestId("timeline")).ToContainTextAsync("cancelled");
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task Approver_RejectsWithoutAReason_IsAskedForOne_ThenRejects()
    {
        var site = await WritableSite.CreateAsync(server, LoopbackPort.GetFree());
        var engineer = await site.NewAssignedUserPageAsync(server, Portal.UniqueName("engineer"), "OtEngineer");
        var requestUrl = await RequestWriteAsync(engineer, site, WritableSite.Setpoint, "12.5", "critical setpoint change");
        await engineer.Context.CloseAsync();

        var approver = await Portal.NewUserPageAsync(server, Portal.UniqueName("approver"), "Approver");
        await approver.GotoAsync(requestUrl);
        await Assertions.Expect(approver.GetByText("0 of 2 (critical tag: two different approvers)")).ToBeVisibleAsync();
        await approver.GetByRole(AriaRole.Link, new() { Name = "Reject…" }).ClickAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Confirm rejection" }).ClickAsync();
        await Assertions.Expect(approver.GetByText("A rejection needs a reason.")).ToBeVisibleAsync();
        await Assertions.Expect(approver.GetByTestId("write-state")).ToHaveTextAsync("Requested");

        await approver.GetByLabel("Why is it rejected?").FillAsync("setpoint outside the validated recipe");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Confirm rejection" }).ClickAsync();
        await Assertions.Expect(approver.GetByTestId("success")).ToContainTextAsync("Request rejected");
        await Assertions.Expect(approver.GetByTestId("write-state")).ToHaveTextAsync("Rejected");
        await Assertions.Expect(approver.GetByTestId("timeline")).ToContainTextAsync("setpoint outside the validated recipe");
        await Assertions.Expect(approver.GetByRole(AriaRole.Link, new() { Name = "Reject…" })).ToHaveCountAsync(0);
        await approver.Context.CloseAsync();
    }

    [Fact]
    public async Task Auditor_FiltersTheWriteLog_ExportsItsSteps_AndSeesTheChainVerified()
    {
        var site = await WritableSite.CreateAsync(server, LoopbackPort.GetFree());
        var engineerName = Portal.UniqueName("engineer");
        var engineer = await site.NewAssignedUserPageAsync(server, engineerName, "OtEngineer");
        var first = await RequestWriteAsync(engineer, site, WritableSite.Speed, "100", "audited one");
        var second = await RequestWriteAsync(engineer, site, WritableSite.Speed, "200", "audited two");
        await engineer.GetByRole(AriaRole.Link, new() { Name = "Cancel request…" }).ClickAsync();
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Confirm cancellation" }).ClickAsync();
        await Assertions.Expect(engineer.GetByTestId("write-state")).ToHaveTextAsync("Cancelled");
        await engineer.Context.CloseAsync();

        var auditor = await Portal.NewUserPageAsync(server, Portal.UniqueName("auditor"), "Auditor");
        await auditor.GotoAsync("writes");
        await Assertions.Expect(auditor.GetByRole(AriaRole.Link, new() { Name = "Request a write" })).ToHaveCountAsync(0);
        await auditor.GetByLabel("Requester").FillAsync("user:" + engineerName);
        await auditor.GetByLabel("State").SelectOptionAsync("Cancelled");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await auditor.WaitForURLAsync(url => url.Contains("state=Cancelled", StringComparison.Ordinal));
        var rows = auditor.GetByTestId("writes-table").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("200");
        await Portal.ScreenshotAsync(auditor, "portal-write-log");

        var csv = await File.ReadAllLinesAsync(await (await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByTestId("export-writes-csv").ClickAsync())).PathAsync());
        csv[0].Should().StartWith("request_id,site_id,agent_id,tag,value,data_type,reason,requested_by,requested_at,step,action,state,actor,at,detail");
        var secondId = second.Split('/')[^1];
        csv.Skip(1).Should().HaveCount(2).And.OnlyContain(line => line.StartsWith(secondId + ",", StringComparison.Ordinal));
        csv[1].Should().Contain(",1,requested,Requested,user:" + engineerName + ",");
        csv[2].Should().Contain(",2,cancelled,Cancelled,user:" + engineerName + ",");

        var jsonl = await File.ReadAllLinesAsync(await (await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByTestId("export-writes-jsonl").ClickAsync())).PathAsync());
        var records = jsonl.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        records.Should().HaveCount(2);
        records.Select(r => r.GetProperty("action").GetString()).Should().Equal("requested", "cancelled");
        records.Should().OnlyContain(r => r.GetProperty("requestId").GetString() == secondId && r.GetProperty("value").GetString() == "200");

        // Without the state filter both requests of the engineer are in the log.
        await auditor.GotoAsync("writes?requester=" + Uri.EscapeDataString("user:" + engineerName));
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "100" }).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", first.TrimStart('/'));

        await auditor.GotoAsync("audit?type=writes.cancelled");
        await Assertions.Expect(auditor.GetByTestId("chain-status")).ToContainTextAsync("Chain verified");
        await Assertions.Expect(auditor.GetByTestId("audit-table")).ToContainTextAsync("write:" + secondId);
        await auditor.Context.CloseAsync();
    }

    /// <summary>The requester finds the tag by search, fills in the form and lands on the new request's page; its path (<c>/writes/ID</c>).</summary>
    private static async Task<string> RequestWriteAsync(IPage requester, WritableSite site, string tag, string value, string reason)
    {
        await requester.GotoAsync("writes/new?q=" + Uri.EscapeDataString(site.Tag(tag)));
        await requester.GetByTestId("tag-matches").GetByRole(AriaRole.Link, new() { Name = site.Tag(tag) }).ClickAsync();
        await requester.GetByLabel(new Regex("^Value")).FillAsync(value);
        await requester.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await requester.GetByRole(AriaRole.Button, new() { Name = "Request write" }).ClickAsync();
        await requester.WaitForURLAsync(RequestPage());
        return new Uri(requester.Url).AbsolutePath;
    }

    [GeneratedRegex("/writes/[0-9a-f-]{36}\\?requested=true$")]
    private static partial Regex RequestPage();
}
