using Proxus.Core.Model;
using Proxus.Core.Uns;
using Proxus.Server.Configuration;

namespace Proxus.Server.Tests.Configuration;

/// <summary>Paging through an in-memory version: each order, reversed, searched, past the end.</summary>
public sealed class IndexedTagMapTests
{
    private static readonly IndexedTagMap Map = Build();

    [Theory]
    [InlineData(TagSortKey.Path, false, "A/S/a/l/m/alpha,A/S/a/l/m/bravo,A/S/a/l/m/charlie,A/S/a/l/m/delta")]
    [InlineData(TagSortKey.Path, true, "A/S/a/l/m/delta,A/S/a/l/m/charlie,A/S/a/l/m/bravo,A/S/a/l/m/alpha")]
    [InlineData(TagSortKey.Address, false, "A/S/a/l/m/charlie,A/S/a/l/m/alpha,A/S/a/l/m/delta,A/S/a/l/m/bravo")]
    [InlineData(TagSortKey.Connection, false, "A/S/a/l/m/alpha,A/S/a/l/m/delta,A/S/a/l/m/bravo,A/S/a/l/m/charlie")]
    [InlineData(TagSortKey.DataType, false, "A/S/a/l/m/charlie,A/S/a/l/m/alpha,A/S/a/l/m/delta,A/S/a/l/m/bravo")]
    public void Query_EachOrder_TiesBrokenByPath(TagSortKey sort, bool descending, string expected)
    {
        var page = Map.Query(new TagQuery(null, sort, descending, 0, 10));

        page.Tags.Select(t => t.Path.Value).Should().Equal(expected.Split(','));
        page.Total.Should().Be(4);
    }

    [Theory]
    [InlineData("BRAVO", 1)]
    [InlineData("hr1", 2)]
    [InlineData("boiler", 1)]
    [InlineData("nothing", 0)]
    public void Query_Search_PathAddressOrDescriptionIgnoringCase(string search, int total)
        => Map.Query(new TagQuery(search, TagSortKey.Path, false, 0, 10)).Total.Should().Be(total);

    [Fact]
    public void Query_OffsetAndLimit_PageOfTheMatchesAndTotalOfAll()
    {
        var page = Map.Query(new TagQuery(null, TagSortKey.Path, false, 1, 2));
        var past = Map.Query(new TagQuery(null, TagSortKey.Path, false, 10, 2));

        page.Tags.Select(t => t.Path.Value).Should().Equal("A/S/a/l/m/bravo", "A/S/a/l/m/charlie");
        (page.Total, page.Offset, page.Limit).Should().Be((4, 1, 2));
        past.Tags.Should().BeEmpty();
        past.Total.Should().Be(4);
    }

    [Fact]
    public void IndexOf_ExactPathOnly()
    {
        Map.Map.Tags[Map.IndexOf("A/S/a/l/m/charlie")].Address.Should().Be("CO1");
        Map.IndexOf("A/S/a/l/m/Charlie").Should().Be(-1);
        Map.IndexOf("A/S/a/l/m").Should().Be(-1);
    }

    private static IndexedTagMap Build()
    {
        Tag Tag(string name, string connection, string address, DataType type, string? description = null) => new()
        {
            Path = UnsPath.Parse("A/S/a/l/m/" + name),
            Connection = connection,
            Address = address,
            DataType = type,
            Description = description,
        };

        var map = new TagMap(new Site("A", "S"), [], [
            Tag("delta", "c1", "HR10", DataType.Float32),
            Tag("bravo", "c2", "hr2", DataType.Int16, "Boiler pressure"),
            Tag("alpha", "c1", "HR1", DataType.Float32),
            Tag("charlie", "c3", "CO1", DataType.Bool),
        ]);
        return new IndexedTagMap(new TagMapVersionInfo(Guid.NewGuid(), 1, "t", DateTimeOffset.UnixEpoch, string.Empty, string.Empty, 0, 4, null), map);
    }
}
