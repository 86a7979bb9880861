using Proxus.Core.Model;
using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

public sealed class TagMapDiffTests
{
    [Fact]
    public void Between_SameMap_IsEmpty()
    {
        TagMapDiff.Between(RichTagMap.Create(), RichTagMap.Create()).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Between_AddedRemovedAndChangedTags_AreExact()
    {
        var before = TestTags.Map(TestTags.Float("A", "HR1"), TestTags.Float("B", "HR10"), TestTags.Float("C", "HR20"));
        var after = TestTags.Map(
            TestTags.Float("D", "HR30"),
            TestTags.Float("B", "HR12") with { Scaling = new LinearScaling(0, 10, 0, 1), Unit = "bar" },
            TestTags.Float("C", "HR20"));

        var diff = TagMapDiff.Between(before, after);

        diff.AddedTags.Select(tag => tag.Path.TagName).Should().Equal("D");
        diff.RemovedTags.Select(tag => tag.Path.TagName).Should().Equal("A");
        diff.ChangedTags.Should().ContainSingle();
        diff.ChangedTags[0].Fields.Should().Equal(
            new FieldChange("address", "HR10", "HR12"),
            new FieldChange("raw_min", null, "0"),
            new FieldChange("raw_max", null, "10"),
            new FieldChange("eng_min", null, "0"),
            new FieldChange("eng_max", null, "1"),
            new FieldChange("clamp", null, "false"),
            new FieldChange("unit", null, "bar"));
        diff.AddedConnections.Should().BeEmpty();
        diff.ChangedConnections.Should().BeEmpty();
        diff.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Between_ReorderedTags_IsEmpty()
    {
        var map = RichTagMap.Create();

        TagMapDiff.Between(map, map with { Tags = [.. map.Tags.Reverse()] }).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Between_ConnectionChanges_AreReportedById()
    {
        var before = TestTags.Map();
        var after = before with
        {
            Connections =
            [
                TestTags.ModbusConnection() with { PollGroups = [new PollGroup("fast", TimeSpan.FromMilliseconds(200))] },
                TestTags.S7Connection(),
                TestTags.S7Connection("new-s7"),
            ],
        };

        var diff = TagMapDiff.Between(before, after);

        diff.AddedConnections.Select(c => c.Id).Should().Equal("new-s7");
        diff.RemovedConnections.Select(c => c.Id).Should().Equal("mes-ua");
        diff.ChangedConnections.Should().ContainSingle().Which.After.Id.Should().Be("press-plc");
    }

    [Fact]
    public void Between_BooleanAndDeadbandChanges_ShowTheirText()
    {
        var before = TestTags.Map(TestTags.Float());
        var after = TestTags.Map(TestTags.Float() with { ReportByException = false, Writable = true, PollGroup = null, PollInterval = TimeSpan.FromSeconds(2) });

        var fields = TagMapDiff.Between(before, after).ChangedTags.Single().Fields;

        fields.Should().Equal(
            new FieldChange("report_by_exception", "true", "false"),
            new FieldChange("poll_group", "fast", null),
            new FieldChange("poll_interval_ms", null, "2000"),
            new FieldChange("writable", "false", "true"));
    }
}
