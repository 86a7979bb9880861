using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;

namespace Proxus.Web.Tests.Support;

/// <summary>
/// A site ready for control writes, set up as an administrator would: the site with its UNS
/// prefix and an agent through the portal, then through the REST API (the admin's session cookie
/// authorizes it) the shared <see cref="WritableTagMap"/> (a writable Modbus holding register, a
/// critical one and a read-only one), and writes enabled for the site.
/// </summary>
public sealed partial record WritableSite(string Id, string Name, string Prefix, string AgentId, string AgentName)
{
    public const string Speed = WritableTagMap.Speed;
    public const string Setpoint = WritableTagMap.Setpoint;
    public const string Counter = WritableTagMap.Counter;

    private WritableTagMap TagMap => new(Prefix);

    public string Tag(string name) => TagMap.Tag(name);

    /// <summary>Creates the site; its Modbus connection points at <paramref name="modbusPort"/> (a simulator, or a closed port when no agent runs).</summary>
    public static async Task<WritableSite> CreateAsync(PortalServer server, int modbusPort)
    {
        var admin = await server.AdminPageAsync();
        var name = Portal.UniqueName("Write site");
        var prefix = "Acme/" + name.Replace(' ', '_').Replace('-', '_');
        await admin.GotoAsync("sites/new");
        await admin.GetByLabel("Name").FillAsync(name);
        await admin.GetByLabel("UNS prefix (optional)").FillAsync(prefix);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create site" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("#site-", StringComparison.Ordinal));
        var siteId = admin.Url.Split("#site-")[1];

        const string AgentName = "press-agent";
        await admin.GotoAsync($"sites/{siteId}/agents/new");
        await admin.GetByLabel("Name").FillAsync(AgentName);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create agent" }).ClickAsync();
        await admin.WaitForURLAsync(AgentCreated());
        var agentId = new Uri(admin.Url).AbsolutePath.Split('/')[^1];

        var site = new WritableSite(siteId, name, prefix, agentId, AgentName);
        var api = admin.Context.APIRequest;
        var publish = await api.PostAsync($"api/v1/sites/{siteId}/tag-map/versions?comment=writes", new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/yaml" },
            Data = site.TagMap.ToYaml(AgentName, modbusPort),
        });
        publish.Status.Should().Be(201, await publish.TextAsync());
        var enable = await api.PutAsync($"api/v1/writes/sites/{siteId}", new() { DataObject = new { writesEnabled = true } });
        enable.Status.Should().Be(204, await enable.TextAsync());
        await admin.Context.CloseAsync();
        return site;
    }

    /// <summary>A new user with the roles, assigned to this site, signed in on a fresh page with their own password.</summary>
    public async Task<IPage> NewAssignedUserPageAsync(PortalServer server, string userName, params string[] roles)
    {
        var admin = await server.AdminPageAsync();
        var oneTimePassword = await Portal.CreateUserAsync(admin, userName, roles);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Assign sites" }).ClickAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = Name }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save sites" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("success")).ToContainTextAsync("Sites saved");
        await admin.Context.CloseAsync();

        var page = await server.NewPageAsync();
        await Portal.SignInAsync(page, userName, oneTimePassword);
        await Portal.ChangeOwnPasswordAsync(page, oneTimePassword, Portal.UserPassword);
        return page;
    }

    [GeneratedRegex("/agents/[0-9a-f-]{36}\\?created=true$")]
    private static partial Regex AgentCreated();
}
