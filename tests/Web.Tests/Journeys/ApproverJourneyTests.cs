using Microsoft.Playwright;
using Proxus.TestSupport;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>
/// The approver's journey of issue #10 with the real agent: the Modbus simulator, the real
/// <c>proxus-agent</c> enrolled with a token from the portal and running the site's configuration,
/// an OtEngineer's request, the approval in the portal, the signed command executed by the agent on
/// the simulator, and the read-back shown on the request page.
/// </summary>
[Collection(AgentPortalCollection.Name)]
public sealed class ApproverJourneyTests(AgentPortalServer server) : IAsyncLifetime
{
    private readonly string _agentDirectory = Directory.CreateTempSubdirectory("proxus-web-agent-").FullName;
    private SimulatorProcess? _modbus;
    private AgentProcess? _agent;

    public async Task InitializeAsync() => _modbus = await SimulatorProcess.StartAsync("modbus");

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_modbus is not null)
        {
            await _modbus.DisposeAsync();
        }

        Directory.Delete(_agentDirectory, recursive: true);
    }

    [Fact]
    public async Task Approver_ApprovesAWriteForTheRunningAgent_SeesTheReadBack()
    {
        var site = await WritableSite.CreateAsync(server, _modbus!.Port);
        await EnrollAndRunAgentAsync(site);

        var engineer = await site.NewAssignedUserPageAsync(server, Portal.UniqueName("engineer"), "OtEngineer");
        await engineer.GotoAsync("writes/new?tag=" + Uri.EscapeDataString(site.Tag(WritableSite.Speed)));
        await engineer.GetByLabel("Value (rpm)", new() { Exact = true }).FillAsync("437");
        await engineer.GetByLabel("Reason", new() { Exact = true }).FillAsync("new line speed for the trial batch");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Request write" }).ClickAsync();
        await engineer.WaitForURLAsync(url => url.Contains("requested=true", StringComparison.Ordinal));
        var requestPath = new Uri(engineer.Url).AbsolutePath;
        await engineer.Context.CloseAsync();

        var approver = await Portal.NewUserPageAsync(server, Portal.UniqueName("approver"), "Approver");
        await approver.GotoAsync("writes?state=Requested");
        await approver.GetByTestId("writes-table").Locator("tbody tr").Filter(new() { HasText = site.Tag(WritableSite.Speed) }).GetByRole(AriaRole.Link).First.ClickAsync();
        approver.Url.Should().EndWith(requestPath);
        await approver.GetByRole(AriaRole.Link, new() { Name = "Approve…" }).ClickAsync();
        await approver.GetByRole(AriaRole.Button, new() { Name = "Confirm approval" }).ClickAsync();

        // The page follows the request live: the signed command goes to the online agent, which
        // writes the register, reads it back and publishes the result.
        await Assertions.Expect(approver.GetByTestId("read-back")).ToContainTextAsync("437", new() { Timeout = 90_000 });
        var actions = (await approver.GetByTestId("timeline").Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync()).Select(a => a.Trim()).ToList();
        actions.Should().StartWith(["requested", "approval", "approved", "dispatched"]).And.Contain("succeeded");

        // The agent's step names the agent (its id at hand), and every time reads like the portal's.
        var succeeded = approver.GetByTestId("timeline").Locator("tbody tr").Filter(new() { HasText = "succeeded" });
        await Assertions.Expect(succeeded.GetByTestId("step-agent")).ToHaveTextAsync("agent " + site.AgentName);
        await Assertions.Expect(succeeded.GetByTestId("step-agent")).ToHaveAttributeAsync("title", "agent:" + site.AgentId);
        var dispatched = await approver.GetByTestId("timeline").Locator("tbody tr").Filter(new() { HasText = "dispatched" }).InnerTextAsync();
        dispatched.Should().MatchRegex(@"expires \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z").And.NotContain("+00:00");
        await Portal.ScreenshotAsync(approver, "portal-write-succeeded");
        await approver.Context.CloseAsync();
    }

    /// <summary>The admin creates an enrollment token in the portal; the agent enrolls with it and <c>proxus-agent run</c> starts; waits until the agent applies the site's configuration.</summary>
    private async Task EnrollAndRunAgentAsync(WritableSite site)
    {
        var admin = await server.AdminPageAsync();
        await admin.GotoAsync($"agents/{site.AgentId}/enroll");
        await admin.GetByLabel("Valid for").SelectOptionAsync("1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var command = (await admin.GetByTestId("enroll-command").InnerTextAsync()).Trim();
        _agent = await Portal.EnrollAndRunAgentAsync(server, command, _agentDirectory);

        // Running the site's configuration (the tag map was published before it enrolled), as its next status report says.
        await Portal.WaitUntilShownAsync(admin, $"agents/{site.AgentId}", p => p.GetByTestId("applied-config").Filter(new() { HasText = "Up to date" }), Portal.AgentStep, _agent);
        await admin.Context.CloseAsync();
    }
}
