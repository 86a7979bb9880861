using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Proxus.Core.TagMaps;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Configuration;

/// <summary>Hostile and broken uploads to preview and publish: each gets a clear error, and nothing is stored.</summary>
public sealed class TagMapsApiUploadTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("invalid-utf8", "not valid UTF-8")]
    [InlineData("nul", "NUL character")]
    [InlineData("alias-bomb", "alias")]
    [InlineData("deep-nesting", "nesting")]
    [InlineData("duplicate-key", "appears twice")]
    [InlineData("syntax", "")]
    [InlineData("other-site", "the document is for Acme/Elsewhere")]
    [InlineData("unknown-agent", "is not an agent of this site")]
    [InlineData("csv-formula", "formula")]
    [InlineData("csv-ragged", "")]
    public async Task PublishAndPreview_BadUpload_ClearErrorNothingStored(string name, string expected)
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        var (bytes, contentType) = Upload(name, api.Scenario);

        using var publish = await api.Engineer.PostAsync($"{api.Root}/versions", TagMapApiClient.Upload(bytes, contentType));
        using var preview = await api.Engineer.PostAsync($"{api.Root}/preview", TagMapApiClient.Upload(bytes, contentType));

        publish.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await publish.Content.ReadAsStringAsync());
        var problem = await TagMapApiClient.JsonAsync(publish);
        problem.GetProperty("type").GetString().Should().Be("urn:proxus:problem:tag-map:invalid");
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).Should().Contain(m => m!.Contains(expected, StringComparison.OrdinalIgnoreCase));
        preview.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TagMapApiClient.JsonAsync(preview)).GetProperty("valid").GetBoolean().Should().BeFalse();
        (await api.Scenario.VersionCountAsync()).Should().Be(1);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/yaml; charset=iso-8859-1")]
    public async Task Publish_UnsupportedContentType_UnsupportedMediaTypeNothingStored(string contentType)
    {
        using var api = await TagMapApiClient.CreateAsync(_server);

        using var response = await api.Engineer.PostAsync($"{api.Root}/versions", TagMapApiClient.Upload(api.Scenario.Yaml(), contentType));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().ContainAny("text/csv", "UTF-8");
        (await api.Scenario.VersionCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Publish_DeclaredLengthOverLimit_PayloadTooLargeBeforeReading()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        using var content = new StreamContent(new PatternStream(TagMapLimits.Default.MaxBytes + 1L));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/yaml");
        content.Headers.ContentLength = TagMapLimits.Default.MaxBytes + 1L;

        using var response = await api.Engineer.PostAsync($"{api.Root}/versions", content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await api.Scenario.VersionCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Publish_ChunkedBodyOverLimit_PayloadTooLargeNothingStored()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        using var content = new StreamContent(new PatternStream(TagMapLimits.Default.MaxBytes + 4096L));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/yaml");

        using var response = await api.Engineer.PostAsync($"{api.Root}/versions", content);

        // Kestrel refuses the body once it passes the endpoint's limit (one byte over the importer's).
        content.Headers.ContentLength.Should().BeNull("the body is sent chunked, without a declared length");
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await api.Scenario.VersionCountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("data_type", "Float33", "data_type")]
    [InlineData("color", "red", "color")]
    [InlineData("address", "HR70000", "address")]
    [InlineData("connection", "nowhere", "connection")]
    public async Task EditTag_InvalidField_UnprocessableWithFieldNothingStored(string field, string value, string blamed)
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        var path = api.Scenario.Path("Press", "Line1", "Press_Machine", "Temperature");
        var fields = TemperatureFields(path);
        fields[field] = value;

        using var response = await api.EditAsync(path, new { fields, comment = "bad edit" });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        (await TagMapApiClient.JsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Should().Contain(blamed);
        (await api.Scenario.VersionCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task EditTag_ValidChange_NewVersionWithOnlyThatTagChanged()
    {
        using var api = await TagMapApiClient.CreateAsync(_server);
        (await api.PublishYamlAsync(api.Scenario.Yaml())).StatusCode.Should().Be(HttpStatusCode.Created);
        var path = api.Scenario.Path("Press", "Line1", "Press_Machine", "Temperature");
        var fields = TemperatureFields(path);
        fields["address"] = "HR120";
        fields["description"] = "Die temperature";

        using var response = await api.EditAsync(path, new { fields, comment = "move register", baseVersion = 1 });
        using var stale = await api.EditAsync(path, new { fields, comment = "again", baseVersion = 1 });
        using var missing = await api.EditAsync(path + "_X", new { fields, comment = "none" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var diff = await TagMapApiClient.JsonAsync(await api.Viewer.GetAsync($"{api.Root}/diff?from=1&to=2"));
        diff.GetProperty("changedTags").EnumerateArray().Single().GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString())
            .Should().Equal("address", "description");
        diff.GetProperty("addedTags").GetArrayLength().Should().Be(0);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await api.Scenario.VersionCountAsync()).Should().Be(2);
    }

    private static Dictionary<string, string?> TemperatureFields(string path) => new()
    {
        ["path"] = path,
        ["connection"] = "press-plc",
        ["address"] = "HR100",
        ["data_type"] = "Int16",
        ["poll_interval_ms"] = "500",
    };

    private static (byte[] Bytes, string ContentType) Upload(string name, ConfigScenario scenario)
    {
        var yaml = scenario.Yaml();
        var press = scenario.Path("Press", "Line1", "Press_Machine", "X");
        return name switch
        {
            "invalid-utf8" => ([.. Encoding.UTF8.GetBytes(yaml), 0xC3, 0x28], "application/yaml"),
            "nul" => (Encoding.UTF8.GetBytes(yaml.Replace("HR100", "HR1\000", StringComparison.Ordinal)), "application/yaml"),
            "alias-bomb" => (Encoding.UTF8.GetBytes("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"), "application/yaml"),
            "deep-nesting" => (Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)), "application/yaml"),
            "duplicate-key" => (Encoding.UTF8.GetBytes(yaml.Replace("    host: 10.0.0.5", "    host: 10.0.0.5\n    host: 10.0.0.7", StringComparison.Ordinal)), "application/yaml"),
            "syntax" => (Encoding.UTF8.GetBytes("site: [unclosed\n  connections: {"), "application/yaml"),
            "other-site" => (Encoding.UTF8.GetBytes(yaml.Replace($"name: {scenario.Name}", "name: Elsewhere", StringComparison.Ordinal)), "application/yaml"),
            "unknown-agent" => (Encoding.UTF8.GetBytes(scenario.Yaml(firstAgent: "edge-99")), "application/yaml"),
            "csv-formula" => (Encoding.UTF8.GetBytes($"path,connection,address,data_type,poll_interval_ms,description\r\n{press},press-plc,HR5,Int16,500,=1+1\r\n"), "text/csv"),
            "csv-ragged" => (Encoding.UTF8.GetBytes($"path,connection,address,data_type,poll_interval_ms\r\n{press},press-plc,HR5\r\n"), "text/csv; charset=utf-8"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
        };
    }

    /// <summary>A readable stream of the given length that never holds more than one buffer.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
