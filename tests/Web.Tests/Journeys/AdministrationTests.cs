using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed partial class AdministrationTests(PortalServer server)
{
    [Fact]
    public async Task Admin_CreatesRotatesAndRevokesMachineClient_SecretShownOnceEachTime()
    {
        var page = await server.AdminPageAsync();
        var name = Portal.UniqueName("Data lake");
        await page.GotoAsync("clients");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "history.read" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "uns.read" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        var first = (await page.GetByTestId("one-time-secret").InnerTextAsync()).Trim();
        first.Should().MatchRegex(ClientSecret());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("history.read uns.read");
        await Portal.ScreenshotAsync(page, "portal-machine-clients");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Rotate the secret of {name}" }).ClickAsync();
        var second = (await page.GetByTestId("one-time-secret").InnerTextAsync()).Trim();
        second.Should().MatchRegex(ClientSecret()).And.NotBe(first);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("2");

        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("Revoked");
        (await page.ContentAsync()).Should().NotContain(second, "a secret is shown only in the response that created it");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_AssignsRolesAndSites_ListShowsThem()
    {
        var page = await server.AdminPageAsync();
        var siteName = Portal.UniqueName("Assigned site");
        await page.GotoAsync("sites/new");
        await page.GetByLabel("Name").FillAsync(siteName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("#site-", StringComparison.Ordinal));

        var userName = Portal.UniqueName("engineer");
        await Portal.CreateUserAsync(page, userName, "Viewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Assign sites" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "OtEngineer", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Viewer", Exact = true }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("success")).ToContainTextAsync("Roles saved");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = siteName }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save sites" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("success")).ToContainTextAsync("Sites saved");

        await page.GotoAsync("users");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = userName });
        await Assertions.Expect(row).ToContainTextAsync("OtEngineer");
        await Assertions.Expect(row).ToContainTextAsync(siteName);
        await Assertions.Expect(row).Not.ToContainTextAsync("Viewer");
        await Portal.ScreenshotAsync(page, "portal-users");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("^pxs_[A-Za-z0-9_-]{43}$")]
    private static partial Regex ClientSecret();
}
