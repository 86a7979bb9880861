using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed class AdminJourneyTests(PortalServer server)
{
    [Fact]
    public async Task Admin_CreatesSiteAgentAndEnrollmentToken_SeesTheEnrollCommandOnce()
    {
        var page = await server.AdminPageAsync();
        await Portal.ScreenshotAsync(page, "portal-dashboard");

        var siteName = Portal.UniqueName("Press shop");
        await page.GotoAsync("sites/new");
        await page.GetByLabel("Name").FillAsync(siteName);
        await page.GetByLabel("UNS prefix (optional)").FillAsync("Acme/" + siteName.Replace(' ', '_'));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/sites#site-"));
        var site = page.Locator("section.panel", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = siteName }) });
        await Assertions.Expect(site).ToBeVisibleAsync();

        await site.GetByRole(AriaRole.Link, new() { Name = "Add agent" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("press-line-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/agents/[0-9a-f-]{36}\\?created=true$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "press-line-1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("latest-config")).ToHaveTextAsync("none yet");
        await Portal.ScreenshotAsync(page, "portal-agent");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create enrollment token" }).ClickAsync();
        await page.GetByLabel("Valid for").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var command = (await page.GetByTestId("enroll-command").InnerTextAsync()).Trim();
        await Portal.ScreenshotAsync(page, "portal-enrollment-token");

        var parts = command.Split(' ');
        parts.Should().HaveCount(6);
        parts[..4].Should().Equal("proxus-agent", "enroll", "--server", server.BaseAddress.ToString().TrimEnd('/'));
        parts[4].Should().Be("--token");
        parts[5].Should().MatchRegex(Portal.EnrollmentToken());

        // Shown once: the agent page and a reload of the token page never show it again.
        await page.ReloadAsync();
        (await page.ContentAsync()).Should().NotContain(parts[5]);
        await page.GotoAsync("sites");
        (await page.ContentAsync()).Should().NotContain(parts[5]);
        await Portal.ScreenshotAsync(page, "portal-sites");
        await page.Context.CloseAsync();
    }
}
