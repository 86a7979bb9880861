using Microsoft.Playwright;
using Proxus.TestSupport;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>What the agent page tells an admin at each stage an agent goes through: created, enrolled, revoked.</summary>
[Collection(PortalCollection.Name)]
public sealed class AgentPageTests(PortalServer server) : IDisposable
{
    private readonly string _agentDirectory = Directory.CreateTempSubdirectory("proxus-web-agent-page-").FullName;

    [Fact]
    public async Task NewAgent_NoConfigurationYet_SaysHowItGetsOne()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Config hint site", "line-edge");

        await admin.GotoAsync($"agents/{site.AgentId}");
        await Assertions.Expect(admin.GetByTestId("latest-config")).ToHaveTextAsync("none yet");
        var hint = admin.GetByTestId("config-hint");
        await Assertions.Expect(hint).ToContainTextAsync("tag map");
        await Assertions.Expect(hint.GetByRole(AriaRole.Link, new() { Name = "tag map" })).ToHaveAttributeAsync("href", $"sites/{site.Id}/tag-map");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task OnlineAgentWithoutConnections_SaysHowToGiveItOne()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Idle agent site", "idle-edge");
        var command = await Portal.CreateEnrollCommandAsync(admin, site.AgentId);
        await using var agent = await Portal.EnrollAndRunAgentAsync(server, command, _agentDirectory);

        await Portal.WaitUntilShownAsync(admin, $"agents/{site.AgentId}", p => p.GetByTestId("no-connections"), Portal.AgentStep, agent);
        await Assertions.Expect(admin.GetByTestId("no-connections")).ToContainTextAsync("agent: idle-edge");
        await Assertions.Expect(admin.GetByTestId("no-connections").GetByRole(AriaRole.Link, new() { Name = "tag map" })).ToHaveAttributeAsync("href", $"sites/{site.Id}/tag-map");

        // Killed: its will marks it offline, and the offline alert names it by its name, with the id at hand.
        agent.Kill();
        var named = (IPage p) => p.GetByTestId("alerts-table").Locator("tbody tr").Filter(new() { HasText = "agent idle-edge has been offline since" });
        await Portal.WaitUntilShownAsync(admin, "alerts?rule=agent-offline", named, Portal.AgentStep);
        var alert = named(admin);
        await Assertions.Expect(alert.GetByTestId("alert-agent")).ToHaveTextAsync("idle-edge");
        await Assertions.Expect(alert.GetByTestId("alert-agent")).ToHaveAttributeAsync("title", $"agent:{site.AgentId}");
        await Assertions.Expect(alert).Not.ToContainTextAsync(site.AgentId);
        await Assertions.Expect(alert).Not.ToContainTextAsync("+00:00");
        await Portal.ScreenshotAsync(admin, "portal-alert-agent-offline");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task RevokedAgent_ShowsRevokedAndHowToEnrollAgain_OffersNoSecondRevoke()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Revoke site", "old-edge");
        var command = await Portal.CreateEnrollCommandAsync(admin, site.AgentId);
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await AgentProcess.EnrollAsync(new Uri(parts[3]), parts[5], parts[7], _agentDirectory);

        await admin.GotoAsync($"agents/{site.AgentId}");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Certificates" })).ToContainTextAsync("Certificate valid");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke the agent" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to the agent" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Certificates" })).ToContainTextAsync("Revoked");
        await Assertions.Expect(admin.GetByTestId("revoked-banner")).ToContainTextAsync("--force");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Revoke", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Create enrollment token" })).ToBeVisibleAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task RevokedAgent_Deleted_LeavesTheFleetViewsAndItsNameIsFree()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Retire site", "retired-edge");
        var command = await Portal.CreateEnrollCommandAsync(admin, site.AgentId);
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        await AgentProcess.EnrollAsync(new Uri(parts[3]), parts[5], parts[7], _agentDirectory);

        // Enrolled: the agent can connect, so it is revoked before it can be deleted.
        await admin.GotoAsync($"agents/{site.AgentId}");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true })).ToHaveCountAsync(0);
        await admin.GotoAsync($"agents/{site.AgentId}/delete");
        await Assertions.Expect(admin.GetByTestId("delete-refused")).ToContainTextAsync("Revoke the agent first");
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Delete the agent" })).ToHaveCountAsync(0);
        await admin.GotoAsync($"agents/{site.AgentId}/revoke");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Revoke the agent" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to the agent" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("revocation list");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Delete the agent" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "retired-edge is deleted" })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to the sites" }).ClickAsync();
        await Assertions.Expect(admin.Locator($"#site-{site.Id}")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator($"#site-{site.Id}")).Not.ToContainTextAsync("retired-edge");
        (await admin.GotoAsync($"agents/{site.AgentId}"))!.Status.Should().Be(404);
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await admin.GotoAsync("audit?type=fleet.agent-deleted");
        await Assertions.Expect(admin.GetByRole(AriaRole.Main)).ToContainTextAsync(site.AgentId);

        // The name is free again in its site.
        await admin.GotoAsync($"sites/{site.Id}/agents/new");
        await admin.GetByLabel("Name").FillAsync("retired-edge");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("created=true", StringComparison.Ordinal));
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task NeverEnrolledAgent_OffersDeleteInsteadOfRevoke()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Mistake site", "typo-edge");

        await admin.GotoAsync($"agents/{site.AgentId}");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Revoke", Exact = true })).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Delete the agent" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "typo-edge is deleted" })).ToBeVisibleAsync();
        await admin.GotoAsync(string.Empty);
        await Assertions.Expect(admin.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("typo-edge");
        await admin.Context.CloseAsync();
    }

    public void Dispose() => Directory.Delete(_agentDirectory, recursive: true);
}
