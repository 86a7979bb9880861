using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>Who reaches the tag-map pages (read-only roles, an engineer of another site) and what a hostile upload gets.</summary>
[Collection(PortalCollection.Name)]
public sealed class TagMapAccessTests(PortalServer server)
{
    /// <summary>No device answers here: these tests publish configurations, they do not read values.</summary>
    private const int NoDevicePort = 1502;

    [Fact]
    public async Task ReadOnlyRoles_SeeTagMapsWithoutEditingControls_EditingUrlsAnswer403()
    {
        var (site, engineer) = await Portal.NewSiteWithEngineerAsync(server, "Read-only site");
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
        var (site, engineer) = await Portal.NewSiteWithEngineerAsync(server, "Hostile site");

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
}
