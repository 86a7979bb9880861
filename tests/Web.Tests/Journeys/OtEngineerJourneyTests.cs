using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed class OtEngineerJourneyTests(PortalServer server) : IDisposable
{
    private readonly string _agentDirectory = Directory.CreateTempSubdirectory("proxus-web-agent-").FullName;

    [Fact]
    public async Task OtEngineer_UploadsWithErrorsFixesAndPublishes_TheRunningAgentAppliesTheNewVersion()
    {
        await using var simulator = await SimulatorProcess.StartAsync("modbus", "--signal", "HR0:Float32:Sine:0:100:10");
        var admin = await server.AdminPageAsync();
        var site = await Portal.CreateSiteWithAgentAsync(admin, "Engineer site", "edge-press");
        var command = await Portal.CreateEnrollCommandAsync(admin, site.AgentId);
        await admin.Context.CloseAsync();
        await using var agent = await Portal.EnrollAndRunAgentAsync(server, command, _agentDirectory);

        var engineer = await Portal.NewEngineerPageAsync(server, Portal.UniqueName("engineer"), site.Name);
        await engineer.GotoAsync("tag-maps");
        await engineer.GetByRole(AriaRole.Link, new() { Name = site.Name }).ClickAsync();
        await Assertions.Expect(engineer.GetByTestId("no-tag-map")).ToBeVisibleAsync();

        // A file with five kinds of mistakes: every one is listed, with its line and field; nothing is saved.
        var temperature = site.TagPath("Temperature");
        var broken = TagMapFiles.Yaml(site, simulator.Port,
        [
            TagMapFiles.Item(temperature, "HR0", "Float32", "Press temperature", unit: "degC"),
            TagMapFiles.Item(site.TagPath("Pressure"), "HR2", "Float99"),
            TagMapFiles.Item(site.TagPath("Speed"), "XX12", "Int16"),
            TagMapFiles.Item(temperature, "HR10", "Int16"),
            TagMapFiles.Item(site.TagPath("Length"), "HR12", "Int16", unit: "furlongs"),
            TagMapFiles.Item(site.TagPath("Count"), "HR14", "Int16", connection: "no-such-plc"),
        ]);
        await Portal.CheckTagMapFileAsync(engineer, site.Id, "press.yaml", broken);
        var errors = engineer.GetByTestId("upload-errors");
        await Assertions.Expect(errors).ToBeVisibleAsync();
        var fields = await errors.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync();
        fields.Should().Contain(["data_type", "address", "path", "unit", "connection"]);
        (await errors.Locator("tbody tr td:first-child").AllInnerTextsAsync()).Should().OnlyContain(row => Regex.IsMatch(row, "^\\d+$"), "each error names its line");
        await Assertions.Expect(engineer.GetByRole(AriaRole.Heading, new() { Name = "nothing was saved" })).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(engineer, "portal-tag-upload-errors");

        // The fixed file: a preview of exactly what changes, then the publish with a comment.
        var fixedFile = TagMapFiles.Yaml(site, simulator.Port,
        [
            TagMapFiles.Item(temperature, "HR0", "Float32", "Press temperature", unit: "degC"),
            TagMapFiles.Item(site.TagPath("Pressure"), "HR2", "Int16", "Hydraulic pressure"),
        ]);
        await Portal.CheckTagMapFileAsync(engineer, site.Id, "press.yaml", fixedFile);
        await Assertions.Expect(engineer.GetByTestId("diff-summary")).ToContainTextAsync("+2 tags added");
        await Assertions.Expect(engineer.GetByTestId("diff-tags")).ToContainTextAsync(temperature);
        await Portal.ScreenshotAsync(engineer, "portal-tag-upload-preview");
        var version = await Portal.PublishCheckedFileAsync(engineer, "Press temperature and pressure");
        version.Should().Be(1);

        var newest = engineer.GetByTestId("versions").Locator("tr[data-version='1']");
        await Assertions.Expect(newest).ToContainTextAsync("Press temperature and pressure");
        await Assertions.Expect(newest).ToContainTextAsync("user:engineer-");
        await Assertions.Expect(newest).ToContainTextAsync("Current");
        await Portal.ScreenshotAsync(engineer, "portal-tag-versions");

        // The agent fetched, verified and applied it: the agent page shows applied = latest.
        await Portal.WaitUntilShownAsync(engineer, $"agents/{site.AgentId}", p => p.GetByTestId("applied-config").Filter(new() { HasText = "Up to date" }), Portal.AgentStep, agent);
        await Assertions.Expect(engineer.GetByTestId("latest-config")).ToHaveTextAsync("1");
        await Assertions.Expect(engineer.GetByTestId("applied-config")).ToContainTextAsync("1");
        await Portal.ScreenshotAsync(engineer, "portal-agent-applied");
        await engineer.Context.CloseAsync();
    }

    public void Dispose() => Directory.Delete(_agentDirectory, recursive: true);
}
