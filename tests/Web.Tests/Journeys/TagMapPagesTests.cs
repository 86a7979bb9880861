using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>The tag-map pages: the grid's URL state, editing in place, conflicts, history, diff, rollback and downloads.</summary>
[Collection(TagMapPortalCollection.Name)]
public sealed class TagMapPagesTests(PortalServer server)
{
    /// <summary>No device answers here: these tests publish configurations, they do not read values.</summary>
    private const int NoDevicePort = 1502;

    [Fact]
    public async Task Grid_SearchSortAndPages_StateInTheUrlAndTheBackButtonReturns()
    {
        var (site, engineer) = await SiteWithEngineerAsync("Grid site");
        await Portal.PublishTagMapAsync(engineer, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, 60), "First tag map");

        await engineer.GotoAsync($"sites/{site.Id}/tag-map");
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 1–60 of 60");
        await Portal.ScreenshotAsync(engineer, "portal-tag-map");

        await engineer.GetByLabel("Tags per page").SelectOptionAsync("25");
        await engineer.GetByLabel("Search path, address or description").FillAsync("Register 1");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("search=Register(\\+|%20)1.*size=25"));
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("of 11"); // 1 and 10..19
        var rows = engineer.GetByTestId("tag-grid").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(11);

        await engineer.GetByRole(AriaRole.Link, new() { Name = "Clear search" }).ClickAsync();
        await engineer.WaitForURLAsync(url => !url.Contains("search=", StringComparison.Ordinal));
        await engineer.GetByRole(AriaRole.Link, new() { Name = "Address" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("sort=address&size=25$"));
        await engineer.GetByRole(AriaRole.Link, new() { Name = "Address" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("sort=address&order=desc"));
        await Assertions.Expect(engineer.GetByRole(AriaRole.Columnheader, new() { Name = "Address" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(rows.First).ToContainTextAsync("HR9"); // HR9 > HR59 as text
        await engineer.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("page=2"));
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 26–50 of 60 · page 2 of 3");

        await engineer.GoBackAsync();
        await engineer.WaitForURLAsync(url => !url.Contains("page=2", StringComparison.Ordinal));
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 1–25 of 60");
        await Assertions.Expect(rows.First).ToContainTextAsync("HR9");

        await engineer.GotoAsync($"sites/{site.Id}/tag-map?search=nothing-like-this");
        await Assertions.Expect(engineer.GetByTestId("no-matches")).ToBeVisibleAsync();
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task EditTag_InvalidFieldThenValid_ErrorOnTheFieldThenANewVersion()
    {
        var (site, engineer) = await SiteWithEngineerAsync("Edit site");
        await Portal.PublishTagMapAsync(engineer, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, 5), "First tag map");
        var path = site.TagPath(TagMapFiles.Name(3));

        await engineer.GotoAsync($"sites/{site.Id}/tag-map");
        await engineer.GetByRole(AriaRole.Link, new() { Name = $"Edit {path}" }).ClickAsync();
        var row = engineer.GetByTestId("edit-row");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByLabel("Address *")).ToHaveValueAsync("HR3");

        await row.GetByLabel("Data type *").FillAsync("Float99");
        await row.GetByLabel("Address *").FillAsync("HR2");
        await row.GetByLabel("Comment (why this change) *").FillAsync("Wider register");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(row.GetByLabel("Data type *")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(row.GetByTestId("field-error")).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByLabel("Data type *")).ToHaveValueAsync("Float99");
        await Portal.ScreenshotAsync(engineer, "portal-tag-edit");

        // Valid on its own, but it overlaps HR2 of another tag: the whole map is checked again.
        await row.GetByLabel("Data type *").FillAsync("UInt16");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await Assertions.Expect(row.GetByLabel("Address *")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(row.GetByTestId("field-error")).ToContainTextAsync("overlaps");

        await row.GetByLabel("Address *").FillAsync("HR30");
        await row.GetByLabel("Unit", new() { Exact = true }).FillAsync("degC");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("/tag-map\\?published=2"));
        await Assertions.Expect(engineer.GetByTestId("success")).ToContainTextAsync("Version 2 is published");
        var edited = engineer.GetByTestId("tag-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = path });
        await Assertions.Expect(edited).ToContainTextAsync("HR30");
        await Assertions.Expect(edited).ToContainTextAsync("UInt16");
        await Assertions.Expect(edited).ToContainTextAsync("degC");
        await Assertions.Expect(engineer.GetByTestId("current-version")).ToHaveTextAsync("version 2");
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task Publish_SomeoneElsePublishedMeanwhile_ConflictExplainedThenPublishedAgainstTheNewVersion()
    {
        var (site, engineer) = await SiteWithEngineerAsync("Conflict site");
        await Portal.PublishTagMapAsync(engineer, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, 3), "First tag map");

        await Portal.CheckTagMapFileAsync(engineer, site.Id, "tags.csv", TagMapFiles.Csv(site, 4));
        await Assertions.Expect(engineer.GetByTestId("upload-summary")).ToContainTextAsync("checked against version 1");

        var admin = await server.AdminPageAsync();
        await Portal.PublishTagMapAsync(admin, site.Id, "tags.csv", TagMapFiles.Csv(site, 5), "Admin added two tags");
        await admin.Context.CloseAsync();

        await engineer.GetByLabel("Comment (what changes and why) *").FillAsync("One more tag");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        var conflict = engineer.GetByTestId("conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("Someone published meanwhile");
        await Assertions.Expect(conflict).ToContainTextAsync("Version 2");
        await Assertions.Expect(conflict).ToContainTextAsync("Admin added two tags");
        await Assertions.Expect(engineer.GetByTestId("upload-summary")).ToContainTextAsync("checked against version 2");
        await Assertions.Expect(engineer.GetByTestId("diff-summary")).ToContainTextAsync("−1 tags removed");
        await Portal.ScreenshotAsync(engineer, "portal-tag-conflict");

        (await Portal.PublishCheckedFileAsync(engineer, "One more tag, after review")).Should().Be(3);
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task History_DiffBetweenVersionsAndRollback_ANewVersionWithTheOldContent()
    {
        var (site, engineer) = await SiteWithEngineerAsync("History site");
        await Portal.PublishTagMapAsync(engineer, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, 3), "First tag map");
        await Portal.PublishTagMapAsync(engineer, site.Id, "tags.csv", TagMapFiles.Csv(site, 4, i => i == 1 ? "Spindle speed" : "Register " + i), "Named the spindle, one more tag");

        await engineer.GotoAsync($"sites/{site.Id}/tag-map/versions");
        var versions = engineer.GetByTestId("versions");
        await Assertions.Expect(versions.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Locator("tr[data-version='2']")).ToContainTextAsync("Named the spindle, one more tag");
        await Assertions.Expect(versions.Locator("tr[data-version='2']")).ToContainTextAsync("user:");

        await engineer.GetByLabel("From version", new() { Exact = true }).SelectOptionAsync("1");
        await engineer.GetByLabel("To version", new() { Exact = true }).SelectOptionAsync("2");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Show differences" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("from=1&to=2"));
        await Assertions.Expect(engineer.GetByTestId("diff-summary")).ToContainTextAsync("+1 tags added");
        await Assertions.Expect(engineer.GetByTestId("diff-summary")).ToContainTextAsync("~1 tags changed");
        await Assertions.Expect(engineer.GetByTestId("diff-tags")).ToContainTextAsync("Spindle speed");
        await Portal.ScreenshotAsync(engineer, "portal-tag-history");

        var download = await engineer.RunAndWaitForDownloadAsync(() => engineer.GetByRole(AriaRole.Link, new() { Name = "Download version 2 as CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().Contain("path,connection,address,data_type").And.Contain("Spindle speed");

        await engineer.GetByRole(AriaRole.Link, new() { Name = "Roll back to version 1" }).ClickAsync();
        await Assertions.Expect(engineer.GetByRole(AriaRole.Heading, new() { Name = $"Roll back {site.Name} to version 1?" })).ToBeVisibleAsync();
        await Assertions.Expect(engineer.GetByTestId("diff-summary")).ToContainTextAsync("−1 tags removed");
        await Portal.ScreenshotAsync(engineer, "portal-tag-rollback");
        await engineer.GetByLabel("Comment (why roll back) *").FillAsync("The spindle name was wrong");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Roll back to version 1" }).ClickAsync();
        await engineer.WaitForURLAsync(new Regex("/tag-map/versions\\?published=3"));
        var rollback = engineer.GetByTestId("versions").Locator("tr[data-version='3']");
        await Assertions.Expect(rollback).ToContainTextAsync("Rollback to version 1");
        await Assertions.Expect(rollback).ToContainTextAsync("The spindle name was wrong");
        await Assertions.Expect(rollback).ToContainTextAsync("Current");

        await engineer.GotoAsync($"sites/{site.Id}/tag-map/versions?from=1&to=3");
        await Assertions.Expect(engineer.GetByTestId("diff-empty")).ToBeVisibleAsync();
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task ReadOnlyRoles_SeeTagMapsWithoutEditingControls_EditingUrlsAnswer403()
    {
        var (site, engineer) = await SiteWithEngineerAsync("Read-only site");
        await Portal.PublishTagMapAsync(engineer, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, 3), "First tag map");
        await Portal.PublishTagMapAsync(engineer, site.Id, "tags.csv", TagMapFiles.Csv(site, 4), "One more");
        await engineer.Context.CloseAsync();
        string[] editingPages =
        [
            $"sites/{site.Id}/tag-map/upload",
            $"sites/{site.Id}/tag-map/edit?path={Uri.EscapeDataString(site.TagPath(TagMapFiles.Name(0)))}",
            $"sites/{site.Id}/tag-map/versions/1/rollback",
        ];

        foreach (var role in new[] { "Viewer", "Auditor", "Approver" })
        {
            var reader = await Portal.NewUserPageAsync(server, Portal.UniqueName(role.ToLowerInvariant()), role);
            (await reader.GotoAsync($"sites/{site.Id}/tag-map"))!.Status.Should().Be(200, role);
            await Assertions.Expect(reader.GetByTestId("tag-range")).ToContainTextAsync("of 4");
            await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Upload CSV or YAML" })).ToHaveCountAsync(0);
            await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Edit ") })).ToHaveCountAsync(0);
            await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Download CSV" })).ToHaveCountAsync(1);
            (await reader.GotoAsync($"sites/{site.Id}/tag-map/versions"))!.Status.Should().Be(200, role);
            await Assertions.Expect(reader.GetByRole(AriaRole.Link, new() { Name = "Roll back to version 1" })).ToHaveCountAsync(0);
            foreach (var url in editingPages)
            {
                (await reader.GotoAsync(url))!.Status.Should().Be(403, $"{role} on {url}");
                await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Access denied (403)" })).ToBeVisibleAsync();
            }

            await reader.Context.CloseAsync();
        }

        // An OtEngineer of another site: this one is missing for them, editing pages included.
        var admin = await server.AdminPageAsync();
        var other = await Portal.CreateSiteWithAgentAsync(admin, "Other site", "edge-other");
        await admin.Context.CloseAsync();
        var outsider = await Portal.NewEngineerPageAsync(server, Portal.UniqueName("outsider"), other.Name);
        foreach (var url in editingPages.Prepend($"sites/{site.Id}/tag-map").Append($"sites/{site.Id}/tag-map/versions"))
        {
            (await outsider.GotoAsync(url))!.Status.Should().Be(404, url);
            await Assertions.Expect(outsider.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("not found|No such", RegexOptions.IgnoreCase) })).ToBeVisibleAsync();
        }

        await outsider.GotoAsync("tag-maps");
        await Assertions.Expect(outsider.GetByTestId("tag-map-sites")).ToContainTextAsync(other.Name);
        await Assertions.Expect(outsider.GetByTestId("tag-map-sites")).Not.ToContainTextAsync(site.Name);
        await outsider.Context.CloseAsync();
    }

    [Fact]
    public async Task Upload_HostileFiles_RefusedWithTheReasonAndNothingKept()
    {
        var (site, engineer) = await SiteWithEngineerAsync("Hostile site");

        await Portal.CheckTagMapFileAsync(engineer, site.Id, "site.json", "{}");
        await Assertions.Expect(engineer.GetByTestId("error")).ToContainTextAsync("neither a .csv file");

        // Before the first YAML, a CSV has no connections to refer to.
        await Portal.CheckTagMapFileAsync(engineer, site.Id, "tags.csv", TagMapFiles.Csv(site, 2));
        await Assertions.Expect(engineer.GetByTestId("upload-errors")).ToContainTextAsync("upload its connections and tags as YAML first");

        var aliasBomb = "site: &a [*a, *a]\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"k{i}: &b{i} [*a, *a, *a]\n"));
        await Portal.CheckTagMapFileAsync(engineer, site.Id, "bomb.yaml", aliasBomb);
        await Assertions.Expect(engineer.GetByTestId("upload-errors")).ToContainTextAsync("anchors and aliases are not supported");

        await engineer.GotoAsync($"sites/{site.Id}/tag-map/upload?upload={Guid.NewGuid()}");
        await Assertions.Expect(engineer.GetByTestId("upload-expired")).ToBeVisibleAsync();
        await Assertions.Expect(engineer.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);

        // Someone else's kept upload is not theirs to see or publish.
        await Portal.CheckTagMapFileAsync(engineer, site.Id, "site.yaml", TagMapFiles.Yaml(site, NoDevicePort, 2));
        await engineer.WaitForURLAsync(new Regex("upload=[0-9a-f-]{36}"));
        var kept = engineer.Url;
        var admin = await server.AdminPageAsync();
        await admin.GotoAsync(kept);
        await Assertions.Expect(admin.GetByTestId("upload-expired")).ToBeVisibleAsync();
        await admin.Context.CloseAsync();

        await engineer.GotoAsync($"sites/{site.Id}/tag-map");
        await Assertions.Expect(engineer.GetByTestId("no-tag-map")).ToBeVisibleAsync();
        await engineer.Context.CloseAsync();
    }

    [Fact]
    public async Task Grid_With100000Tags_PagesSortsAndSearchesOnTheServer()
    {
        var (site, engineer) = await SiteWithEngineerAsync("Large site");
        var yaml = TagMapFiles.Yaml(site, NoDevicePort, 0) + string.Concat(Enumerable.Range(0, 100_000).Select(i => TagMapFiles.Item(
            site.TagPath(TagMapFiles.Name(i)), $"{(i < 50_000 ? "HR" : "IR")}{i % 50_000}", "Int16", $"Register {i}")));
        await Portal.CheckTagMapFileAsync(engineer, site.Id, "large.yaml", yaml);
        await Assertions.Expect(engineer.GetByTestId("diff-summary")).ToContainTextAsync("+100,000 tags added", new() { Timeout = (float)Portal.SlowStep.TotalMilliseconds });
        await Portal.PublishCheckedFileAsync(engineer, "The whole plant");

        await engineer.GotoAsync($"sites/{site.Id}/tag-map", new() { Timeout = (float)Portal.SlowStep.TotalMilliseconds });
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 1–100 of 100,000 · page 1 of 1,000");
        await engineer.GetByRole(AriaRole.Link, new() { Name = "Last" }).ClickAsync();
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 99,901–100,000 of 100,000");
        await Assertions.Expect(engineer.GetByTestId("tag-grid").Locator("tbody tr").Last).ToContainTextAsync(TagMapFiles.Name(99_999));

        await engineer.GotoAsync($"sites/{site.Id}/tag-map?sort=data_type&order=desc&page=500&size=200");
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 99,801–100,000 of 100,000");
        await engineer.GotoAsync($"sites/{site.Id}/tag-map?search={TagMapFiles.Name(77_777)}");
        await Assertions.Expect(engineer.GetByTestId("tag-range")).ToContainTextAsync("Tags 1–1 of 1");
        await Assertions.Expect(engineer.GetByTestId("tag-grid")).ToContainTextAsync("IR27777");
        await engineer.Context.CloseAsync();
    }

    private async Task<(TagMapSite Site, IPage Engineer)> SiteWithEngineerAsync(string prefix)
    {
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, prefix, "edge-" + Guid.NewGuid().ToString("N")[..6]);
        await admin.Context.CloseAsync();
        var engineer = await Portal.NewEngineerPageAsync(server, Portal.UniqueName("engineer"), site.Name);
        return (site, engineer);
    }
}
