using System.Text;
using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

public sealed class TagMapRoundTripTests
{
    [Fact]
    public void RichMap_IsValid()
    {
        new TagMapValidator().Validate(RichTagMap.Create()).Should().BeEmpty();
    }

    [Fact]
    public void Csv_WriteThenRead_ReturnsAnEqualTagMap()
    {
        var map = RichTagMap.Create();

        var result = TagMapCsv.Read(TagMapCsv.ToUtf8Bytes(map), map.Site, map.Connections);

        result.Errors.Should().BeEmpty();
        result.TagMap.Should().Be(map);
    }

    [Fact]
    public void Yaml_WriteThenRead_ReturnsAnEqualTagMap()
    {
        var map = RichTagMap.Create();

        var result = TagMapYaml.Read(TagMapYaml.ToUtf8Bytes(map), map.Site);

        result.Errors.Should().BeEmpty();
        result.TagMap.Should().Be(map);
    }

    [Fact]
    public void Csv_Export_NeutralizesFormulaCells()
    {
        var csv = Encoding.UTF8.GetString(TagMapCsv.ToUtf8Bytes(RichTagMap.Create()));

        csv.Should().Contain("\"'=SUM(A1) \"\"quoted\"\", with comma\nand a second line\"");
        csv.Should().Contain(",'-minus first\r\n");
        csv.Should().Contain(",''starts with an apostrophe\r\n");
        csv.Should().Contain(",-10.25,1E+21,");
    }

    [Fact]
    public void Csv_ExportThenYamlExport_DescribeTheSameTags()
    {
        var map = RichTagMap.Create();
        var viaCsv = TagMapCsv.Read(TagMapCsv.ToUtf8Bytes(map), map.Site, map.Connections).TagMap!;

        var viaYaml = TagMapYaml.Read(TagMapYaml.ToUtf8Bytes(viaCsv), map.Site).TagMap;

        viaYaml.Should().Be(map);
    }

    [Fact]
    public void Csv_CrlfLfAndBom_AreAccepted()
    {
        var map = RichTagMap.Create();
        var text = Encoding.UTF8.GetString(TagMapCsv.ToUtf8Bytes(map));
        var unix = "\uFEFF" + text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

        TagMapCsv.Read(Encoding.UTF8.GetBytes(unix), map.Site, map.Connections).TagMap.Should().Be(map);
    }

    [Theory]
    [InlineData("tag-map-modbus.csv")]
    [InlineData("tag-map-s7.csv")]
    [InlineData("tag-map-opcua.csv")]
    public void DocsExampleCsv_ImportsAgainstTheExampleConnections(string file)
    {
        var yaml = TagMapYaml.Read(File.ReadAllBytes(Path.Combine(TestSupport.RepositoryPaths.Root, "docs", "examples", "tag-map.yaml")), TestTags.Site);
        yaml.Errors.Should().BeEmpty();

        var result = TagMapCsv.Read(File.ReadAllBytes(Path.Combine(TestSupport.RepositoryPaths.Root, "docs", "examples", file)), TestTags.Site, yaml.TagMap!.Connections);

        result.Errors.Should().BeEmpty();
        result.TagMap!.Tags.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("tag-map-modbus.yaml")]
    [InlineData("tag-map-s7.yaml")]
    [InlineData("tag-map-opcua.yaml")]
    [InlineData("tag-map.yaml")]
    public void DocsExampleYaml_Imports(string file)
    {
        var result = TagMapYaml.Read(File.ReadAllBytes(Path.Combine(TestSupport.RepositoryPaths.Root, "docs", "examples", file)), TestTags.Site);

        result.Errors.Should().BeEmpty();
        result.TagMap!.Tags.Should().NotBeEmpty();
    }
}
