using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>What a person reads on the pages: details in words, the menu entry of the page they are on, paths that wrap where they may.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class ReadabilityTests(PortalServer server)
{
    /// <summary>No device answers here: the tag map is published, never read.</summary>
    private const int NoDevicePort = 1502;

    [Fact]
    public async Task AuditLog_EntryDetails_ShownAsNamedValuesWithPortalTimes()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Audit details site", "audit-edge");
        await Portal.CreateEnrollCommandAsync(admin, site.AgentId);

        await admin.GotoAsync("audit?type=enrollment.token-created");
        var row = admin.GetByTestId("audit-table").Locator("tbody tr").Filter(new() { HasText = site.AgentId });
        var details = row.Locator("dl");
        await Assertions.Expect(details.Locator("dt").Filter(new() { HasText = "expires" })).ToBeVisibleAsync();
        await Assertions.Expect(details).ToContainTextAsync(PortalTime());
        var text = await row.InnerTextAsync();
        text.Should().NotContain("\\u002B", "escaped JSON is not for people").And.NotContain("{\"", "details are named values, not raw JSON");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task TagMapPagesOfASite_SelectTagMapsInTheMenu_NotSites()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Menu site", "menu-edge");
        var menu = admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var page in new[] { $"sites/{site.Id}/tag-map", $"sites/{site.Id}/tag-map/upload", $"sites/{site.Id}/tag-map/versions" })
        {
            await admin.GotoAsync(page);
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tag maps" })).ToHaveClassAsync(Active());
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Sites & agents" })).Not.ToHaveClassAsync(Active());
        }

        await admin.GotoAsync($"agents/{site.AgentId}");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Sites & agents" })).Not.ToHaveClassAsync(Active());
        await admin.GotoAsync("sites");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Sites & agents" })).ToHaveClassAsync(Active());
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tag maps" })).Not.ToHaveClassAsync(Active());
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task TagGrid_NarrowWindow_PathsBreakOnlyAfterSlashes()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Narrow grid site", "narrow-edge");
        var path = site.TagPath("Main_cylinder_hydraulic_pressure_at_the_bottom_dead_centre");
        await Portal.PublishTagMapAsync(admin, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, [TagMapFiles.Item(path, "HR0", "Float32", "Main cylinder pressure")]), "One long path");

        await admin.SetViewportSizeAsync(900, 860);
        await admin.GotoAsync($"sites/{site.Id}/tag-map");
        var cell = admin.GetByTestId("tag-grid").Locator("tbody tr").First.Locator("td").First;
        await Assertions.Expect(cell).ToHaveTextAsync(path);

        // The line tops of each level of the path: every level sits on one line, the path on several.
        var levelTops = await cell.EvaluateAsync<int[][]>("""
            cell => [...cell.querySelector('code').childNodes]
                .filter(node => node.nodeType === Node.TEXT_NODE)
                .map(node => { const range = document.createRange(); range.selectNodeContents(node); return [...new Set([...range.getClientRects()].map(r => Math.round(r.top)))]; })
            """);
        levelTops.Should().HaveCount(path.Split('/').Length, "each level is its own piece of text, followed by its slash");
        levelTops.Should().OnlyContain(tops => tops.Length == 1, "a level name is never split across lines");
        levelTops.SelectMany(tops => tops).Distinct().Should().HaveCountGreaterThan(1, "the window is narrow enough that the path needs more than one line");
        await admin.Context.CloseAsync();
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}\s\d{2}:\d{2}:\d{2}Z")]
    private static partial Regex PortalTime();

    [GeneratedRegex(@"\bactive\b")]
    private static partial Regex Active();
}
