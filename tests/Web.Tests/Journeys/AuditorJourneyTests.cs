using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed class AuditorJourneyTests(PortalServer server)
{
    [Fact]
    public async Task Auditor_FiltersByTypeAndActor_ExportsAndSeesTheChainVerified()
    {
        var admin = await server.AdminPageAsync();
        var siteName = Portal.UniqueName("Audited site");
        await admin.GotoAsync("sites/new");
        await admin.GetByLabel("Name").FillAsync(siteName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("#site-", StringComparison.Ordinal));
        await admin.Context.CloseAsync();

        var auditor = await Portal.NewUserPageAsync(server, Portal.UniqueName("auditor"), "Auditor");
        await auditor.GotoAsync("audit");
        await Assertions.Expect(auditor.GetByTestId("chain-status")).ToContainTextAsync("Chain verified");

        await auditor.GetByLabel("Event type").FillAsync("fleet.site-created");
        await auditor.GetByLabel("Actor").FillAsync("user:admin");
        await auditor.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await auditor.WaitForURLAsync(url => url.Contains("type=fleet.site-created", StringComparison.Ordinal));
        var rows = auditor.GetByTestId("audit-table").Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = siteName })).ToHaveCountAsync(1);
        foreach (var row in await rows.AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync("fleet.site-created");
            await Assertions.Expect(row).ToContainTextAsync("user:admin");
        }

        await Portal.ScreenshotAsync(auditor, "portal-audit-log");

        var download = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByTestId("export-csv").ClickAsync());
        var file = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(file);
        lines[0].Should().Be("sequence,timestamp,actor,type,subject,data,previous_hash,hash");
        lines.Skip(1).Should().NotBeEmpty().And.OnlyContain(line => line.Contains(",user:admin,fleet.site-created,", StringComparison.Ordinal));
        lines.Should().Contain(line => line.Contains(siteName, StringComparison.Ordinal));

        // A time range that ends before the site existed shows nothing.
        await auditor.GotoAsync("audit?type=fleet.site-created&to=2000-01-01T00:00:00");
        await Assertions.Expect(auditor.GetByText("No entries match these filters.")).ToBeVisibleAsync();
        await auditor.Context.CloseAsync();
    }
}
