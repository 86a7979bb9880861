using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed class ViewerJourneyTests(PortalServer server)
{
    [Fact]
    public async Task Viewer_OpensEveryEditingPageByUrl_GetsAccessDeniedWith403()
    {
        var (siteId, agentId) = await CreateSiteAndAgentAsync();
        var viewer = await Portal.NewUserPageAsync(server, Portal.UniqueName("viewer"), "Viewer");
        string[] editingPages =
        [
            "sites/new",
            $"sites/{siteId}/agents/new",
            $"agents/{agentId}/enroll",
            $"agents/{agentId}/revoke",
            $"agents/{agentId}/delete",
            "users",
            "users/new",
            $"users/{Guid.NewGuid()}",
            "clients",
            "audit",
            "writes/new",
            "alerts",
        ];
        foreach (var url in editingPages)
        {
            var response = await viewer.GotoAsync(url);
            response!.Status.Should().Be(403, url);
            await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = "Access denied (403)" })).ToBeVisibleAsync();
        }

        await Portal.ScreenshotAsync(viewer, "portal-access-denied");

        // Reading is allowed, with no editing controls and no administration menu.
        (await viewer.GotoAsync("sites"))!.Status.Should().Be(200);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "New site" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Add agent" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        (await viewer.GotoAsync($"agents/{agentId}"))!.Status.Should().Be(200);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Delete" })).ToHaveCountAsync(0);
        (await viewer.GotoAsync("writes"))!.Status.Should().Be(200);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Request a write" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Alerts" })).ToHaveCountAsync(0);
        (await viewer.GotoAsync("uns"))!.Status.Should().Be(200);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = "UNS explorer" })).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(viewer, "portal-uns-explorer");
        await viewer.Context.CloseAsync();
    }

    [Fact]
    public async Task Anonymous_OpensAPage_IsSentToSignInAndBack()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("sites");
        page.Url.Should().Contain("/login?returnUrl=%2Fsites");
        await Portal.ScreenshotAsync(page, "portal-sign-in");
        await page.GetByLabel("User name").FillAsync(PortalServer.AdminUserName);
        await page.GetByLabel("Password").FillAsync(PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/sites", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private async Task<(string SiteId, string AgentId)> CreateSiteAndAgentAsync()
    {
        var admin = await server.AdminPageAsync();
        await admin.GotoAsync("sites/new");
        var siteName = Portal.UniqueName("Viewer site");
        await admin.GetByLabel("Name").FillAsync(siteName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("#site-", StringComparison.Ordinal));
        var siteId = admin.Url.Split("#site-")[1];
        await admin.GotoAsync($"sites/{siteId}/agents/new");
        await admin.GetByLabel("Name").FillAsync("viewer-agent");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("created=true", StringComparison.Ordinal));
        var agentId = new Uri(admin.Url).AbsolutePath.Split('/')[^1];
        await admin.Context.CloseAsync();
        return (siteId, agentId);
    }
}
