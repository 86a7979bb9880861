using System.Diagnostics;
using System.Text;
using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

public sealed class TagMapYamlMalformedTests
{
    private const string Valid = """
        site:
          enterprise: Acme
          name: SiteA
        connections:
          - id: press-plc
            protocol: ModbusTcp
            agent: edge-01
            host: 127.0.0.1
            poll_groups:
              - name: fast
                interval_ms: 100
        tags:
          - path: Acme/SiteA/Press/Line1/Press_Machine/Temperature_C
            connection: press-plc
            address: HR100
            data_type: Float32
            poll_group: fast
        """;

    private static TagMapImportResult Read(string yaml, TagMapLimits? limits = null) =>
        TagMapYaml.Read(Encoding.UTF8.GetBytes(yaml), TestTags.Site, limits);

    [Fact]
    public void Read_ValidDocument_Succeeds()
    {
        var result = Read(Valid);

        result.Errors.Should().BeEmpty();
        result.TagMap!.Tags.Should().ContainSingle();
    }

    [Theory]
    [InlineData("enterprise: Acme\n  name: SiteA", "enterprise: Acme\n  name: SiteB", 2, "site", "the document is for Acme/SiteB, but the upload is for Acme/SiteA")]
    [InlineData("  name: SiteA\n", "", 2, "site", "needs enterprise and name")]
    [InlineData("tags:", "colour: red\ntags:", 12, "colour", "unknown key 'colour' (expected: site, connections, tags)")]
    [InlineData("protocol: ModbusTcp", "protocol: Profinet", 5, "protocol", "unknown protocol 'Profinet' (ModbusTcp, ModbusRtuOverTcp, ModbusRtuSerial, S7, OpcUa)")]
    [InlineData("    host: 127.0.0.1", "    host: 127.0.0.1\n    rack: 0", 5, "rack", "'rack' does not apply to a ModbusTcp connection")]
    [InlineData("    host: 127.0.0.1", "    host: 127.0.0.1\n    port: 70000", 5, "port", "70000 is outside 1..65535")]
    [InlineData("    host: 127.0.0.1", "    host: 127.0.0.1\n    unit_id: 256", 5, "unit_id", "256 is outside 0..255")]
    [InlineData("    host: 127.0.0.1", "    host: \"bad host!\"", 5, "host", "'bad host!' is not a host name or IP address")]
    [InlineData("    agent: edge-01", "    agent: \"edge 01\"", 5, "agent", "'edge 01' is not an identifier (1..64 of letters, digits, '_', '-', '.')")]
    [InlineData("        interval_ms: 100", "        interval_ms: 10", 5, "poll_groups", "poll interval 10 ms is below the minimum of 100 ms")]
    [InlineData("        interval_ms: 100", "        interval_ms: fast", 10, "interval_ms", "'fast' is not a whole number")]
    [InlineData("        interval_ms: 100", "", 10, "interval_ms", "is required")]
    [InlineData("    data_type: Float32", "    data_type: [Float32]", 13, "data_type", "must be a single value, not a list or mapping")]
    [InlineData("    data_type: Float32", "    data_type: Float32\n    colour: red", 13, "colour", "unknown key 'colour'")]
    [InlineData("    data_type: Float32", "    data_type: Float32\n    data_type: Int16", 17, "data_type", "the key appears twice")]
    [InlineData("    connection: press-plc", "    connection: plc9", 13, "connection", "unknown connection 'plc9'")]
    [InlineData("  - path: Acme/SiteA/Press/Line1/Press_Machine/Temperature_C", "  - path: Acme/SiteA/Press/Line1/Press_Machine", 13, "path", "the path has 5 levels; it needs at least 6 (Enterprise/Site/Area/Line/Machine/Tag)")]
    public void Read_MalformedDocument_ReportsLineFieldAndMessage(string find, string replace, int line, string? field, string message)
    {
        Valid.Should().Contain(find);

        var result = Read(Valid.Replace(find, replace, StringComparison.Ordinal));

        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(line, field, message));
    }

    [Theory]
    [InlineData("- just\n- a list\n", 1, null, "the document must be a mapping with site, connections and tags")]
    [InlineData("site: {enterprise: Acme, name: SiteA}\nconnections: []\n", 1, "tags", "is required")]
    [InlineData("site: {enterprise: Acme, name: SiteA}\nconnections: []\ntags: many\n", 3, "tags", "must be a list")]
    [InlineData("site: {enterprise: Acme, name: SiteA}\nconnections: []\ntags:\n  - a scalar\n", 4, null, "the item must be a mapping of keys to values")]
    [InlineData("a: 1\n---\nb: 2\n", 2, null, "only one YAML document is allowed")]
    [InlineData("site: !!python/object:os.system {enterprise: Acme}\n", 1, null, "explicit YAML tags (tag:yaml.org,2002:python/object:os.system) are not supported")]
    [InlineData("site: &s {enterprise: Acme, name: SiteA}\n", 1, null, "anchors and aliases are not supported")]
    [InlineData("{a: 1, a: 2}\n", 1, "a", "the key appears twice")]
    [InlineData("? [a, b]\n: 1\n", 1, null, "a mapping key must be text")]
    [InlineData("", 0, null, "the document is empty")]
    public void Read_MalformedStructure_ReportsThePreciseError(string yaml, int line, string? field, string message)
    {
        var result = Read(yaml);

        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(line, field, message));
    }

    [Fact]
    public void Read_SyntaxError_ReportsTheLine()
    {
        var result = Read("site:\n  enterprise: Acme\n   name: [unclosed\n");

        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("YAML syntax error: ");
        result.Errors[0].Row.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Read_BillionLaughs_IsRejectedAtTheFirstAnchorQuickly()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 9; i++)
        {
            var previous = (char)('a' + i);
            yaml.Append(CultureInfoInvariant($"{(char)(previous + 1)}: &{(char)(previous + 1)} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
        }

        var watch = Stopwatch.StartNew();
        var result = Read(yaml.ToString());

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(1, null, "anchors and aliases are not supported"));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Read_DeepFlowNesting_IsRejectedQuickly()
    {
        var yaml = new string('[', 1_000_000) + new string(']', 1_000_000);

        var watch = Stopwatch.StartNew();
        var result = Read(yaml);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(1, null, "nesting deeper than 8 levels"));
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Read_DeepBlockNesting_IsRejected()
    {
        var yaml = string.Concat(Enumerable.Range(0, 50).Select(i => new string(' ', i * 2) + "k" + i + ":\n"));

        var result = Read(yaml);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(9, null, "nesting deeper than 8 levels"));
    }

    [Fact]
    public void Read_MoreTagsThanTheLimit_IsRejected()
    {
        var result = Read(Valid, new TagMapLimits { MaxTags = 0 });

        result.TagMap.Should().BeNull();
        result.Errors.Should().Contain(new TagMapError(13, "tags", "1 items; the limit is 0"));
    }

    [Fact]
    public void Read_TooManyNodes_IsRejectedWhileParsing()
    {
        var limits = new TagMapLimits { MaxTags = 1, MaxConnections = 1 };
        var yaml = "tags:\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"  - x{i}\n"));

        var result = Read(yaml, limits);

        result.Errors.Should().ContainSingle().Which.Message.Should().MatchRegex(@"^the document has more than \d+ nodes$");
    }

    [Fact]
    public void Read_OverTheSizeLimit_IsRejected()
    {
        var result = Read(Valid, new TagMapLimits { MaxBytes = 10 });

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(0, null, "the upload is larger than 10 bytes"));
    }

    [Fact]
    public void Read_QuotedNullLikeText_IsText()
    {
        var result = Read(Valid.Replace("    poll_group: fast", "    poll_group: fast\n    description: \"null\"", StringComparison.Ordinal));

        result.TagMap!.Tags[0].Description.Should().Be("null");
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
