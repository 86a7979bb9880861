using Proxus.Agent.Buffering;

namespace Proxus.Agent.Tests.Buffering;

public sealed class SequenceRangeSetTests
{
    [Fact]
    public void Add_AdjacentAndOverlapping_MergesIntoOneRange()
    {
        var set = new SequenceRangeSet();
        set.Add(5, 5).Should().Be(1);
        set.Add(7, 9).Should().Be(3);
        set.Add(6, 6).Should().Be(1);
        set.Add(8, 12).Should().Be(3);

        set.Ranges.Should().Equal(new SequenceRange(5, 12));
    }

    [Fact]
    public void Add_AlreadyPresent_ReturnsZeroAndChangesNothing()
    {
        var set = new SequenceRangeSet();
        set.Add(10, 20);

        set.Add(12, 15).Should().Be(0);
        set.Ranges.Should().Equal(new SequenceRange(10, 20));
    }

    [Fact]
    public void Add_Disjoint_KeepsRangesSorted()
    {
        var set = new SequenceRangeSet();
        set.Add(30, 31);
        set.Add(10, 11);
        set.Add(20, 21);

        set.Ranges.Should().Equal(new SequenceRange(10, 11), new SequenceRange(20, 21), new SequenceRange(30, 31));
        set.Contains(20).Should().BeTrue();
        set.Contains(22).Should().BeFalse();
        set.Contains(9).Should().BeFalse();
    }

    [Fact]
    public void Add_SpanningSeveralRanges_CountsOnlyTheNewSequences()
    {
        var set = new SequenceRangeSet();
        set.Add(10, 11);
        set.Add(20, 21);

        set.Add(5, 25).Should().Be(21 - 4);
        set.Ranges.Should().Equal(new SequenceRange(5, 25));
    }

    [Fact]
    public void CountWithin_PartialOverlaps_CountsTheIntersection()
    {
        var set = new SequenceRangeSet();
        set.Add(10, 19);
        set.Add(30, 39);

        set.CountWithin(15, 34).Should().Be(5 + 5);
        set.CountWithin(20, 29).Should().Be(0);
    }

    [Fact]
    public void TryTakeFirst_OnlyWhenTheFirstRangeStartsThere()
    {
        var set = new SequenceRangeSet();
        set.Add(3, 7);

        set.TryTakeFirst(2, out _).Should().BeFalse();
        set.TryTakeFirst(3, out var end).Should().BeTrue();
        end.Should().Be(7);
        set.Ranges.Should().BeEmpty();
    }

    [Fact]
    public void RemoveThrough_CutsTheRangeItFallsIn()
    {
        var set = new SequenceRangeSet();
        set.Add(1, 5);
        set.Add(8, 12);

        set.RemoveThrough(9);

        set.Ranges.Should().Equal(new SequenceRange(10, 12));
    }
}
