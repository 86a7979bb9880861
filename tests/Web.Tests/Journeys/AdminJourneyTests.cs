using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed class AdminJourneyTests(PortalServer server) : IDisposable
{
    private readonly string _agentDirectory = Directory.CreateTempSubdirectory("proxus-web-agent-").FullName;

    [Fact]
    public async Task Admin_CreatesSiteAgentAndToken_EnrollsWithTheCommandShown_SeesTheAgentOnlineWithLiveValues()
    {
        await using var simulator = await SimulatorProcess.StartAsync("modbus", "--signal", "HR0:Float32:Sine:0:100:10");
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
        var agentId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "press-line-1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("latest-config")).ToHaveTextAsync("none yet");
        await Portal.ScreenshotAsync(page, "portal-agent");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create enrollment token" }).ClickAsync();
        await page.GetByLabel("Valid for").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var command = (await page.GetByTestId("enroll-command").InnerTextAsync()).Trim();
        await Portal.ScreenshotAsync(page, "portal-enrollment-token");

        var parts = command.Split(' ');
        parts.Should().HaveCount(8);
        parts[..4].Should().Equal("proxus-agent", "enroll", "--server", server.BaseAddress.ToString().TrimEnd('/'));
        parts[4].Should().Be("--token");
        parts[5].Should().MatchRegex(Portal.EnrollmentToken());
        parts[6].Should().Be("--ca-fingerprint");
        parts[7].Should().Be(await RootCaFingerprintAsync(), "the agent pins the server's root CA from its first connection");

        // Shown once: the agent page and a reload of the token page never show it again.
        await page.ReloadAsync();
        (await page.ContentAsync()).Should().NotContain(parts[5]);
        await page.GotoAsync("sites");
        (await page.ContentAsync()).Should().NotContain(parts[5]);
        await Portal.ScreenshotAsync(page, "portal-sites");

        // The agent enrolls with exactly that command and runs; the admin publishes its tag map.
        await using var agent = await Portal.EnrollAndRunAgentAsync(server, command, _agentDirectory);
        var level = siteName.Replace(' ', '_');
        var siteId = await site.GetAttributeAsync("id");
        var tagMapSite = new TagMapSite(siteId!["site-".Length..], siteName, "Acme", level, agentId, "press-line-1");
        // A long tag name, as plants have them: the tree must keep its value on the name's row.
        var temperature = tagMapSite.TagPath("Main_hydraulic_press_cylinder_oil_temperature");
        await Portal.PublishTagMapAsync(page, tagMapSite.Id, "press.yaml", TagMapFiles.Yaml(tagMapSite, simulator.Port, [TagMapFiles.Item(temperature, "HR0", "Float32", "Press temperature", unit: "degC")]), "Press line 1");

        // Online, running the latest configuration, and its values live in the UNS.
        await Portal.WaitUntilShownAsync(page, $"agents/{agentId}", p => p.GetByText("Online", new() { Exact = true }), Portal.AgentStep, agent);
        await Portal.WaitUntilShownAsync(page, $"agents/{agentId}", p => p.GetByTestId("applied-config").Filter(new() { HasText = "Up to date" }), Portal.AgentStep, agent);
        // The connection is listed once the agent's status report after applying has arrived.
        await Portal.WaitUntilShownAsync(page, $"agents/{agentId}", p => p.GetByRole(AriaRole.Cell, new() { Name = TagMapFiles.Connection }), Portal.AgentStep, agent);
        await Portal.ScreenshotAsync(page, "portal-agent-online");
        await Portal.WaitUntilShownAsync(page, $"uns?tag={Uri.EscapeDataString(temperature)}", p => p.GetByText("Current value"), Portal.AgentStep, agent);
        var value = page.GetByTestId("value-" + temperature);
        await Assertions.Expect(value).ToContainTextAsync("degC");
        var valueBox = (await value.BoundingBoxAsync())!;
        var name = page.Locator("a.leaf", new() { Has = value }).Locator(".leaf-name");
        var nameBox = (await name.BoundingBoxAsync())!;
        await Assertions.Expect(name).ToHaveAttributeAsync("title", "Main_hydraulic_press_cylinder_oil_temperature");
        Math.Abs(valueBox.Y - nameBox.Y).Should().BeLessThan(valueBox.Height / 2, "the value stays on its name's row, not under it");
        nameBox.Height.Should().BeLessThan(valueBox.Height * 1.5f, "a long name is cut on one line, not broken over many");
        valueBox.X.Should().BeGreaterThan(nameBox.X + nameBox.Width - 1, "the value sits to the right of the name");
        await Portal.ScreenshotAsync(page, "portal-uns-live");
        await page.Context.CloseAsync();

        await HistoryChart_InABrowserOutsideUtc_ReadsUtcIn24HourTimeAsync(temperature, agent);
    }

    /// <summary>The chart's times read like every other time of the portal, whatever the browser's time zone.</summary>
    private async Task HistoryChart_InABrowserOutsideUtc_ReadsUtcIn24HourTimeAsync(string tag, AgentProcess agent)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            TimezoneId = "America/New_York",
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await Portal.SignInAsync(page, PortalServer.AdminUserName, PortalServer.AdminPassword);
        await Portal.WaitUntilShownAsync(page, $"uns?tag={Uri.EscapeDataString(tag)}", p => p.GetByText(new Regex("\\b([2-9]|[1-9]\\d+) values from")), Portal.AgentStep, agent);

        var before = DateTime.UtcNow.AddMinutes(-20);
        await page.GetByTestId("history-chart").Locator(".u-over").HoverAsync();
        var legend = page.GetByTestId("history-chart").Locator(".u-legend .u-series").First;
        await Assertions.Expect(legend).ToContainTextAsync("Time (UTC)");
        var shown = (await legend.Locator(".u-value").InnerTextAsync()).Trim();
        shown.Should().MatchRegex("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$", "a 24-hour time after an ISO date, no am/pm");
        var time = DateTime.ParseExact(shown, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        time.Should().BeOnOrAfter(before.AddMinutes(-1)).And.BeOnOrBefore(DateTime.UtcNow.AddMinutes(1), "the chart shows UTC, not New York time");
        await context.CloseAsync();
    }

    /// <summary>The SHA-256 fingerprint of the root of the chain the server publishes at <c>/api/v1/pki/ca</c>, as <c>AA:BB:…</c>.</summary>
    private async Task<string> RootCaFingerprintAsync()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var chain = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        chain.ImportFromPem(await http.GetStringAsync(new Uri("api/v1/pki/ca", UriKind.Relative)));
        var root = chain.Single(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData));
        return string.Join(':', root.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Dispose() => Directory.Delete(_agentDirectory, recursive: true);
}
