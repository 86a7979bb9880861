using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Proxus.Web.Tests.Support;

/// <summary>The tag-map steps of the journeys, through labels and roles as a person would take them.</summary>
public static partial class Portal
{
    /// <summary>A generous bound for steps that check or publish a large tag map on a loaded machine.</summary>
    public static readonly TimeSpan SlowStep = TimeSpan.FromMinutes(3);

    /// <summary>The admin creates a site with the UNS namespace <c>Acme/LEVEL</c> and one agent.</summary>
    public static async Task<TagMapSite> CreateSiteWithAgentAsync(IPage admin, string prefix, string agentName)
    {
        var name = UniqueName(prefix);
        var level = name.Replace(' ', '_');
        await admin.GotoAsync("sites/new");
        await admin.GetByLabel("Name").FillAsync(name);
        await admin.GetByLabel("UNS prefix (optional)").FillAsync("Acme/" + level);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await admin.WaitForURLAsync(new Regex("/sites#site-"));
        var siteId = admin.Url.Split("#site-")[1];
        await admin.GotoAsync($"sites/{siteId}/agents/new");
        await admin.GetByLabel("Name").FillAsync(agentName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("created=true", StringComparison.Ordinal));
        var agentId = new Uri(admin.Url).AbsolutePath.Split('/')[^1];
        return new TagMapSite(siteId, name, "Acme", level, agentId, agentName);
    }

    /// <summary>A new OtEngineer assigned to <paramref name="siteNames"/>, signed in on a fresh page with their own password.</summary>
    public static async Task<IPage> NewEngineerPageAsync(PortalServer server, string userName, params string[] siteNames)
    {
        var admin = await server.AdminPageAsync();
        var oneTimePassword = await CreateUserAsync(admin, userName, "OtEngineer");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Assign sites" }).ClickAsync();
        foreach (var site in siteNames)
        {
            await admin.GetByRole(AriaRole.Checkbox, new() { Name = site }).CheckAsync();
        }

        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sites" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("success")).ToContainTextAsync("Sites saved");
        await admin.Context.CloseAsync();

        var page = await server.NewPageAsync();
        await SignInAsync(page, userName, oneTimePassword);
        await ChangeOwnPasswordAsync(page, oneTimePassword, UserPassword);
        return page;
    }

    /// <summary>Opens the upload page of the site, chooses the file and has it checked; the page then shows the preview.</summary>
    public static async Task CheckTagMapFileAsync(IPage page, string siteId, string fileName, string content)
    {
        await page.GotoAsync($"sites/{siteId}/tag-map/upload");
        await page.GetByLabel("Tag map file (CSV or YAML)").SetInputFilesAsync(new FilePayload
        {
            Name = fileName,
            MimeType = fileName.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/yaml",
            Buffer = Encoding.UTF8.GetBytes(content),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync(new() { Timeout = (float)SlowStep.TotalMilliseconds });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Publishes the valid upload on the page with a comment; returns the version the history then lists first.</summary>
    public static async Task<int> PublishCheckedFileAsync(IPage page, string comment)
    {
        await page.GetByLabel("Comment (what changes and why) *").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync(new() { Timeout = (float)SlowStep.TotalMilliseconds });
        await page.WaitForURLAsync(new Regex("/tag-map/versions\\?published=\\d+"), new() { Timeout = (float)SlowStep.TotalMilliseconds });
        return int.Parse(Regex.Match(page.Url, "published=(\\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Checks and publishes a file in one go.</summary>
    public static async Task<int> PublishTagMapAsync(IPage page, string siteId, string fileName, string content, string comment)
    {
        await CheckTagMapFileAsync(page, siteId, fileName, content);
        return await PublishCheckedFileAsync(page, comment);
    }
}
