using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;
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

    [Theory]
    [InlineData(1024)]
    [InlineData(1280)]
    public async Task TimesInTables_NarrowWindow_EachOnOneLineAndThePageNeverScrollsSideways(int width)
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, $"Time cells site {width}", $"time-edge-{width}");
        var parts = (await Portal.CreateEnrollCommandAsync(admin, site.AgentId)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var agentDirectory = Directory.CreateTempSubdirectory("proxus-web-time-cells-").FullName;
        try
        {
            await AgentProcess.EnrollAsync(new Uri(parts[3]), parts[5], parts[7], agentDirectory);
            var path = site.TagPath("Temperature");
            await Portal.PublishTagMapAsync(admin, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, [TagMapFiles.Item(path, "HR0", "Float32", "Temperature")]), "Times on one line");
            await admin.SetViewportSizeAsync(width, 860);

            foreach (var page in new[] { $"agents/{site.AgentId}", "audit", $"sites/{site.Id}/tag-map/versions", "users" })
            {
                await admin.GotoAsync(page);
                var times = admin.Locator("table time.utc");
                await Assertions.Expect(times.First).ToBeVisibleAsync();
                var lines = await times.EvaluateAllAsync<int[]>("times => times.map(time => new Set([...time.getClientRects()].map(r => Math.round(r.top))).size)");
                lines.Should().NotBeEmpty().And.OnlyContain(count => count == 1, $"a date never wraps at its hyphens ({page} at {width} px)");
                var pageOverflow = await admin.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                pageOverflow.Should().BeLessThanOrEqualTo(0, $"a wide table scrolls inside its box, the page does not scroll sideways ({page} at {width} px)");
            }

            await admin.GotoAsync($"agents/{site.AgentId}");
            await Assertions.Expect(admin.Locator("table time.utc").First).ToBeVisibleAsync();
            var hidden = await admin.Locator(".table-wrap").EvaluateAllAsync<int[]>("wraps => wraps.map(wrap => wrap.scrollWidth - wrap.clientWidth)");
            hidden.Should().OnlyContain(pixels => pixels <= 0, $"the certificate table fits the agent page at {width} px (a long serial wraps, the dates do not)");
        }
        finally
        {
            Directory.Delete(agentDirectory, recursive: true);
        }

        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditLog_1280PixelWindow_EveryColumnVisibleWithoutScrollingSideways()
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Audit width site", "audit-width-edge");
        await Portal.CreateEnrollCommandAsync(admin, site.AgentId);

        await admin.GotoAsync("audit");
        var table = admin.GetByTestId("audit-table");
        await Assertions.Expect(table.Locator("tbody tr").First).ToBeVisibleAsync();
        var hidden = await table.EvaluateAsync<int>("table => { const wrap = table.closest('.table-wrap'); return wrap.scrollWidth - wrap.clientWidth; }");

        hidden.Should().BeLessThanOrEqualTo(0, "at 1280 px the details column is on screen, not behind a sideways scroll");
        await admin.Context.CloseAsync();
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}\s\d{2}:\d{2}:\d{2}Z")]
    private static partial Regex PortalTime();

    [GeneratedRegex(@"\bactive\b")]
    private static partial Regex Active();
}
