using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Proxus.Core.TagMaps;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Configuration;

/// <summary>The tag-map REST API over HTTPS as an OtEngineer of the site, a viewer and an engineer of another site.</summary>
public sealed class TagMapsApiTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Publish_YamlAsEngineerOfSite_CreatedWithHistoryAndAgentsIssued()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);

        using var response = await api.PublishYamlAsync(api.Scenario.Yaml(), "first upload");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().Should().Be($"{api.Root}/versions/1");
        var body = await TagMapApiClient.JsonAsync(response);
        body.GetProperty("status").GetString().Should().Be("created");
        body.GetProperty("agentsIssued").GetInt32().Should().Be(2);
        var history = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/versions"));
        var first = history.EnumerateArray().Single();
        first.GetProperty("version").GetInt32().Should().Be(1);
        first.GetProperty("comment").GetString().Should().Be("first upload");
        first.GetProperty("author").GetString().Should().StartWith("user:");
        first.GetProperty("tagCount").GetInt32().Should().Be(2);
        first.GetProperty("connectionCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task Publish_SameContentAgain_UnchangedNothingStored()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);

        using var again = await api.PublishYamlAsync(api.Scenario.Yaml());

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TagMapApiClient.JsonAsync(again)).GetProperty("status").GetString().Should().Be("unchanged");
        (await api.Scenario.VersionCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Publish_EngineerOfAnotherSite_NotFoundAndNothingStored()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        using var outsider = await SignInEngineerOfAnotherSiteAsync();

        using var publish = await api.PublishYamlAsync(api.Scenario.Yaml(), client: outsider);
        using var read = await outsider.GetAsync($"{api.Root}/versions");

        publish.StatusCode.Should().Be(HttpStatusCode.NotFound);
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await read.Content.ReadAsStringAsync()).Should().NotContain(api.Scenario.Name);
        (await api.Scenario.VersionCountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("GET", "/namespace")]
    [InlineData("GET", "/tag-map/tags?sort=color")]
    [InlineData("GET", "/tag-map/connections")]
    [InlineData("GET", "/tag-map/versions/1")]
    [InlineData("GET", "/tag-map/versions/1/content?format=xml")]
    [InlineData("GET", "/tag-map/diff?from=1&to=2")]
    [InlineData("POST", "/tag-map/preview")]
    [InlineData("POST", "/tag-map/versions/1/rollback")]
    [InlineData("PUT", "/tag-map/tags?path=Press")]
    public async Task SiteEndpoints_EngineerOfAnotherSite_NotFoundWhateverTheRequest(string method, string path)
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        using var published = await api.PublishYamlAsync(api.Scenario.Yaml());
        using var outsider = await SignInEngineerOfAnotherSiteAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/sites/{api.Scenario.Site.Id:D}{path}")
        {
            // Queries the endpoints refuse and a body no upload accepts: the site check answers first.
            Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await outsider.SendAsync(request);

        published.StatusCode.Should().Be(HttpStatusCode.Created);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {path} is on a site outside the caller's sites");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(api.Scenario.Name);
    }

    [Fact]
    public async Task Publish_Viewer_Forbidden()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);

        using var response = await api.PublishYamlAsync(api.Scenario.Yaml(), client: api.Viewer);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.Scenario.VersionCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Publish_StaleBaseVersion_ConflictNothingStored()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.PublishYamlAsync(api.Scenario.Yaml(pressTemperatureAddress: "HR101"))).StatusCode.Should().Be(HttpStatusCode.Created);

        using var stale = await api.Engineer.PostAsync($"{api.Root}/versions?baseVersion=1", TagMapApiClient.Upload(api.Scenario.Yaml(pressTemperatureAddress: "HR102"), "application/yaml"));

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await TagMapApiClient.JsonAsync(stale)).GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("now version 2");
        (await api.Scenario.VersionCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task Preview_ValidYaml_DiffAgainstCurrentNothingStored()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);

        using var response = await api.Engineer.PostAsync($"{api.Root}/preview", TagMapApiClient.Upload(api.Scenario.Yaml(pressTemperatureAddress: "HR101", extraPressTags: "Running"), "application/yaml"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var preview = await TagMapApiClient.JsonAsync(response);
        preview.GetProperty("valid").GetBoolean().Should().BeTrue();
        preview.GetProperty("baseVersion").GetInt32().Should().Be(1);
        var diff = preview.GetProperty("diff");
        diff.GetProperty("addedTags").EnumerateArray().Select(t => t.GetProperty("path").GetString()).Should().Equal(api.Scenario.Path("Press", "Line1", "Press_Machine", "Running"));
        var changed = diff.GetProperty("changedTags").EnumerateArray().Single();
        changed.GetProperty("path").GetString().Should().Be(api.Scenario.Path("Press", "Line1", "Press_Machine", "Temperature"));
        changed.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("field").GetString(), f.GetProperty("before").GetString(), f.GetProperty("after").GetString()))
            .Should().Equal(("address", "HR100", "HR101"));
        diff.GetProperty("removedTags").GetArrayLength().Should().Be(0);
        (await api.Scenario.VersionCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Preview_InvalidCsv_EveryErrorWithRowAndFieldNothingStored()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        var csv = "path,connection,address,data_type,poll_interval_ms\r\n"
            + $"{api.Scenario.Path("Press", "Line1", "Press_Machine", "A")},press-plc,HR1,Float33,500\r\n"
            + $"{api.Scenario.Path("Press", "Line1", "Press_Machine", "B")},nowhere,HR2,Int16,500\r\n"
            + $"{api.Scenario.Path("Press", "Line1", "Press_Machine", "C")},press-plc,=HR3,Int16,500\r\n";

        using var response = await api.Engineer.PostAsync($"{api.Root}/preview", TagMapApiClient.Upload(csv, "text/csv"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var preview = await TagMapApiClient.JsonAsync(response);
        preview.GetProperty("valid").GetBoolean().Should().BeFalse();
        preview.GetProperty("diff").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var errors = preview.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        errors.Should().Contain((2, "data_type")).And.Contain((3, "connection")).And.Contain((4, "address"));
        (await api.Scenario.VersionCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Tags_SearchSortAndPage_ServerSide()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml(extraPressTags: ["Running", "Alarm", "Door"]))).StatusCode.Should().Be(HttpStatusCode.Created);

        var all = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/tags?sort=path&order=desc&limit=2&offset=1"));
        var searched = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/tags?search=press_MACHINE&sort=connection&limit=10"));
        var byType = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/tags?sort=data_type&limit=1"));

        all.GetProperty("total").GetInt32().Should().Be(5);
        all.GetProperty("version").GetProperty("version").GetInt32().Should().Be(1);
        all.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("path").GetString()).Should().Equal(
            api.Scenario.Path("Press", "Line1", "Press_Machine", "Running"), api.Scenario.Path("Press", "Line1", "Press_Machine", "Door"));
        searched.GetProperty("total").GetInt32().Should().Be(4, "the boiler's tag does not match");
        byType.GetProperty("tags")[0].GetProperty("data_type").GetString().Should().Be("Bool");
        byType.GetProperty("tags")[0].GetProperty("connection").GetString().Should().Be("press-plc");
    }

    [Theory]
    [InlineData("sort=color")]
    [InlineData("order=up")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("offset=-1")]
    public async Task Tags_InvalidQuery_BadRequest(string query)
    {
        using var api = await TagMapApiClient.CreateAsync(_server);

        using var response = await api.Viewer.GetAsync($"{api.Root}/tags?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Connections_CurrentVersion_ListedWithSettings()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);

        var body = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/connections"));

        var connections = body.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("fields")).ToList();
        connections.Select(c => (c.GetProperty("id").GetString(), c.GetProperty("agent").GetString(), c.GetProperty("host").GetString(), c.GetProperty("port").GetString()))
            .Should().BeEquivalentTo([("press-plc", "edge-01", "10.0.0.5", "502"), ("boiler-plc", "edge-02", "10.0.0.6", "502")]);
    }

    [Fact]
    public async Task Content_YamlAndCsvOfAVersion_DownloadedExactly()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.PublishYamlAsync(api.Scenario.Yaml(pressTemperatureAddress: null))).StatusCode.Should().Be(HttpStatusCode.Created);
        var info = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/versions/1"));

        using var yaml = await api.Viewer.GetAsync($"{api.Root}/versions/1/content");
        using var csv = await api.Viewer.GetAsync($"{api.Root}/versions/1/content?format=csv");

        yaml.Content.Headers.ContentType!.MediaType.Should().Be("application/yaml");
        var yamlBytes = await yaml.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(SHA256.HashData(yamlBytes)).Should().Be(info.GetProperty("contentSha256").GetString());
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var site = new Proxus.Core.Model.Site(ConfigScenario.Enterprise, api.Scenario.Name);
        var fromYaml = TagMapYaml.Read(yamlBytes, site);
        fromYaml.Succeeded.Should().BeTrue();
        var fromCsv = TagMapCsv.Read(await csv.Content.ReadAsByteArrayAsync(), site, fromYaml.TagMap!.Connections);
        fromCsv.TagMap!.Tags.Should().Equal(fromYaml.TagMap.Tags);
        fromYaml.TagMap.Tags.Should().HaveCount(2, "version 1 had both tags");
        (await api.Viewer.GetAsync($"{api.Root}/versions/1/content?format=xml")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.Viewer.GetAsync($"{api.Root}/versions/9/content")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DiffAndRollback_TwoVersions_ExactDiffAndOldContentAsNewVersion()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.PublishYamlAsync(api.Scenario.Yaml(pressTemperatureAddress: null, boilerHost: "10.0.0.9"))).StatusCode.Should().Be(HttpStatusCode.Created);

        var diff = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/diff?from=1&to=2"));
        using var rollback = await api.Engineer.PostAsJsonAsync($"{api.Root}/versions/1/rollback", new { comment = "back to one" });
        var back = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/diff?from=1&to=3"));

        diff.GetProperty("removedTags").EnumerateArray().Select(t => t.GetProperty("path").GetString()).Should().Equal(api.Scenario.Path("Press", "Line1", "Press_Machine", "Temperature"));
        var host = diff.GetProperty("changedConnections").EnumerateArray().Single();
        (host.GetProperty("id").GetString(), host.GetProperty("after").GetProperty("fields").GetProperty("host").GetString()).Should().Be(("boiler-plc", "10.0.0.9"));
        rollback.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await TagMapApiClient.JsonAsync(rollback)).GetProperty("version");
        (created.GetProperty("version").GetInt32(), created.GetProperty("rolledBackFrom").GetInt32(), created.GetProperty("comment").GetString()).Should().Be((3, 1, "back to one"));
        foreach (var list in new[] { "addedTags", "removedTags", "changedTags", "addedConnections", "removedConnections", "changedConnections" })
        {
            back.GetProperty(list).GetArrayLength().Should().Be(0, $"version 3 restores version 1 exactly ({list})");
        }

        (await api.Viewer.GetAsync($"{api.Root}/diff?from=1&to=7")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Viewer.PostAsJsonAsync($"{api.Root}/versions/1/rollback", new { comment = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Namespace_SetByAdminReadByViewer_OnceOnly()
    {
        var site = await _server.Get<FleetService>().CreateSiteAsync("Ns " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var adminClient = await Iam.SignInAsync(_server, admin.UserName);
        var name = "Ns" + Guid.NewGuid().ToString("N")[..10];
        var path = $"/api/v1/sites/{site.Id:D}/namespace";
        using var api = await TagMapApiClient.CreateAsync(_server);

        (await api.Viewer.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var set = await adminClient.PutAsJsonAsync(path, new { enterprise = "Acme", name });
        using var change = await adminClient.PutAsJsonAsync(path, new { enterprise = "Acme", name = name + "X" });
        using var invalid = await adminClient.PutAsJsonAsync(path, new { enterprise = "Acme", name = "bad/name" });
        var read = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync(path));

        set.StatusCode.Should().Be(HttpStatusCode.OK);
        change.StatusCode.Should().Be(HttpStatusCode.Conflict);
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        read.GetProperty("prefix").GetString().Should().Be($"Acme/{name}");
        (await api.Engineer.PutAsJsonAsync(path, new { enterprise = "Acme", name })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Publish_SiteWithoutNamespace_ConflictExplainsWhy()
    {
        var site = await _server.Get<FleetService>().CreateSiteAsync("Bare " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var adminClient = await Iam.SignInAsync(_server, admin.UserName);

        using var response = await adminClient.PostAsync($"/api/v1/sites/{site.Id:D}/tag-map/versions", TagMapApiClient.Upload("site: {}", "application/yaml"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no UNS namespace");
    }

    [Fact]
    public async Task Tags_NoTagMapYet_NotFound()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);

        using var response = await api.Viewer.GetAsync($"{api.Root}/tags");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no tag map yet");
    }

    /// <summary>An HTTPS session of an OtEngineer assigned to a new site, not to the scenario's.</summary>
    private async Task<HttpClient> SignInEngineerOfAnotherSiteAsync()
    {
        var otherSite = await _server.Get<FleetService>().CreateSiteAsync("Other " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var other = await Iam.CreateUserAsync(_server, [Roles.OtEngineer], [otherSite.Id]);
        return await Iam.SignInAsync(_server, other.UserName);
    }
}
