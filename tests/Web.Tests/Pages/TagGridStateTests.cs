using Proxus.Web.Components.Pages.TagMaps;
using Proxus.Web.Services;

namespace Proxus.Web.Tests.Pages;

/// <summary>The tag grid's URL state: what a person can put in the address bar, and the links the grid writes.</summary>
public sealed class TagGridStateTests
{
    [Fact]
    public void From_NothingGiven_IsTheDefault()
        => TagGridState.From(null, null, null, null, null).Should().Be(TagGridState.Default);

    [Fact]
    public void From_ValidValues_AreKeptAndWrittenBackInTheSameQuery()
    {
        var state = TagGridState.From(" Temp ", "data_type", "desc", 3, 50);

        state.Should().Be(new TagGridState("Temp", TagSortColumn.DataType, true, 3, 50));
        state.Offset.Should().Be(100);
        state.ToQuery().Should().Be(new TagPageQuery("Temp", TagSortColumn.DataType, true, 100, 50));
        state.ToQueryString().Should().Be("search=Temp&sort=data_type&order=desc&page=3&size=50");
        state.Url("sites/x/tag-map").Should().Be("sites/x/tag-map?search=Temp&sort=data_type&order=desc&page=3&size=50");
    }

    [Theory]
    [InlineData("bogus", "sideways", -5, 7)]
    [InlineData("PATH;DROP", "", 0, 0)]
    [InlineData(null, "asc", 2_000_000, 100_000)]
    public void From_ValuesNobodyCouldChoose_FallBackToTheDefaults(string? sort, string? order, int page, int size)
    {
        var state = TagGridState.From(null, sort, order, page, size);

        state.Sort.Should().Be(TagSortColumn.Path);
        state.Descending.Should().BeFalse();
        state.Page.Should().Be(1);
        state.Size.Should().Be(TagGridState.DefaultSize);
    }

    [Fact]
    public void From_AnOverlongSearch_IsCutToTheLimit()
        => TagGridState.From(new string('x', 5000), null, null, null, null).Search.Should().HaveLength(TagGridState.MaxSearchLength);

    [Fact]
    public void ToQueryString_EscapesTheSearch()
        => (TagGridState.Default with { Search = "a&b=c/d" }).ToQueryString().Should().Be("search=a%26b%3Dc%2Fd");

    [Fact]
    public void SortedBy_TheSameColumnTwice_ReversesAndReturnsToTheFirstPage()
    {
        var state = TagGridState.Default with { Page = 4 };

        var byAddress = state.SortedBy(TagSortColumn.Address);
        byAddress.Should().Be(state with { Sort = TagSortColumn.Address, Descending = false, Page = 1 });
        byAddress.SortedBy(TagSortColumn.Address).Descending.Should().BeTrue();
        byAddress.SortedBy(TagSortColumn.Address).SortedBy(TagSortColumn.Path).Descending.Should().BeFalse();
    }
}
