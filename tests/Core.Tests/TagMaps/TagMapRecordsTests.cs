using Proxus.Core.Model;
using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

/// <summary>Tags and connections as text records, as the REST API shows them and takes one tag back.</summary>
public sealed class TagMapRecordsTests
{
    [Fact]
    public void ParseTag_FieldsOfAnExportedTag_SameTag()
    {
        var tag = TestTags.Float() with { Scaling = new LinearScaling(0, 27648, 0, 150, true), Description = "=not a formula here", Writable = true, WriteMin = -5, WriteMax = 5 };

        var parsed = TagMapRecords.ParseTag(TagMapRecords.Fields(tag).ToDictionary(f => f.Key, f => (string?)f.Value), out var errors);

        errors.Should().BeEmpty();
        parsed.Should().Be(tag);
    }

    [Fact]
    public void Fields_Tag_OnlyGivenFieldsInExportOrder()
    {
        var fields = TagMapRecords.Fields(TestTags.Float());

        fields.Keys.Should().Equal("path", "connection", "address", "data_type", "report_by_exception", "poll_group", "writable");
        fields["data_type"].Should().Be("Float32");
    }

    [Fact]
    public void ParseTag_UnknownFieldAndOverlongValue_ErrorPerFieldNoTag()
    {
        var fields = new Dictionary<string, string?>
        {
            ["path"] = "Acme/SiteA/Press/Line1/Press_Machine/T",
            ["connection"] = "press-plc",
            ["address"] = new string('H', 2000),
            ["data_type"] = "Int16",
            ["colour"] = "red",
        };

        var tag = TagMapRecords.ParseTag(fields, out var errors);

        tag.Should().BeNull();
        errors.Select(e => (e.Row, e.Field)).Should().BeEquivalentTo([(0, "colour"), (0, "address")]);
        errors.Single(e => e.Field == "address").Message.Should().Contain("longer than 1024");
    }

    [Fact]
    public void ParseTag_MissingRequiredAndBadNumber_ErrorsNameTheFields()
    {
        var fields = new Dictionary<string, string?> { ["path"] = "Acme/SiteA/Press/Line1/Press_Machine/T", ["connection"] = "press-plc", ["data_type"] = "Int16", ["write_max"] = "ten", ["unit"] = null };

        var tag = TagMapRecords.ParseTag(fields, out var errors);

        tag.Should().BeNull();
        errors.Select(e => e.Field).Should().BeEquivalentTo(["address", "write_max"]);
    }

    [Fact]
    public void Fields_S7Connection_EndpointKeysAsYamlWritesThem()
    {
        var fields = TagMapRecords.Fields(TestTags.S7Connection());

        fields.Should().Equal(new Dictionary<string, string>
        {
            ["id"] = "line-s7",
            ["protocol"] = "S7",
            ["agent"] = "edge-01",
            ["host"] = "10.0.0.7",
            ["port"] = "102",
            ["rack"] = "0",
            ["slot"] = "1",
        });
    }
}
