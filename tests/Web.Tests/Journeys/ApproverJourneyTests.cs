using System.Globalization;
using Microsoft.Playwright;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.TestSupport;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>
/// The approver's journey of issue #10 end to end: the Modbus simulator, the real
/// <c>proxus-agent</c> enrolled with a token from the portal, an OtEngineer's request, the
/// approval in the portal, the agent's write, and the read-back on the request page.
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
    public async Task Approver_ApprovesAWriteToAModbusRegister_SeesTheAgentsReadBack()
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

        // The page follows the request live: dispatched, then the agent's result with the read-back.
        await Assertions.Expect(approver.GetByTestId("read-back")).ToContainTextAsync("437", new() { Timeout = 90_000 });
        await Assertions.Expect(approver.GetByTestId("write-state")).ToHaveTextAsync("Succeeded");
        var actions = (await approver.GetByTestId("timeline").Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync()).Select(a => a.Trim());
        actions.Should().Equal("requested", "approval", "approved", "dispatched", "succeeded");
        await Portal.ScreenshotAsync(approver, "portal-write-read-back");
        await approver.Context.CloseAsync();

        // The register really holds the value.
        await using var client = new ModbusClient(new ModbusClientOptions { Host = "127.0.0.1", Port = _modbus.Port, ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(5) });
        Convert.ToInt32(await client.ReadAsync("HR10", ModbusDataType.UInt16), CultureInfo.InvariantCulture).Should().Be(437);
    }

    /// <summary>The admin creates an enrollment token in the portal; <c>proxus-agent enroll</c> and <c>run</c> as an operator would; waits until the agent applies the site's configuration.</summary>
    private async Task EnrollAndRunAgentAsync(WritableSite site)
    {
        var admin = await server.AdminPageAsync();
        await admin.GotoAsync($"agents/{site.AgentId}/enroll");
        await admin.GetByLabel("Valid for").SelectOptionAsync("1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = (await admin.GetByTestId("enroll-command").InnerTextAsync()).Trim().Split(' ')[^1];

        await AgentProcess.EnrollAsync(server.BaseAddress, token, null, _agentDirectory, "--broker", $"mqtts://127.0.0.1:{server.MqttTlsPort}");
        _agent = AgentProcess.Start(_agentDirectory);

        // Online, running the site's configuration (the tag map was published before it enrolled).
        await admin.GotoAsync($"agents/{site.AgentId}");
        await Assertions.Expect(admin.GetByTestId("applied-config")).Not.ToContainTextAsync("none", new() { Timeout = 90_000 });
        await admin.Context.CloseAsync();
    }
}
