using Proxus.EndToEnd.Tests.Support;

namespace Proxus.EndToEnd.Tests.Agent;

/// <summary>The outage test's judge must see each kind of failure it is there to catch.</summary>
public sealed class DeliveryAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_ContiguousWithRedeliveries_IsClean()
    {
        var audit = DeliveryAudit.Of([Point("A", 1, 0), Point("B", 2, 0), Point("A", 3, 100), Point("A", 1, 0), Point("B", 4, 100)]);

        audit.Losses.Should().BeEmpty();
        audit.Problems.Should().BeEmpty();
        audit.Restarts.Should().BeEmpty();
        audit.Received.Should().Be(5);
        audit.Distinct.Should().Be(4);
        (audit.FirstSequence, audit.LastSequence).Should().Be((1, 4));
    }

    [Fact]
    public void Of_GapEndingAtABlockBoundary_IsARestartNotALoss()
    {
        var audit = DeliveryAudit.Of([Point("A", 99_998, 0), Point("A", 99_999, 100), Point("A", 200_001, 200)]);

        audit.Losses.Should().BeEmpty();
        audit.Restarts.Should().Equal((100_000L, 200_000L));
    }

    [Fact]
    public void Of_MissingSequence_IsALoss()
    {
        var audit = DeliveryAudit.Of([Point("A", 1, 0), Point("A", 2, 100), Point("A", 4, 300)]);

        audit.Losses.Should().Equal((3L, 3L));
    }

    [Fact]
    public void Of_SamePointUnderTwoSequences_IsAProblem()
    {
        var audit = DeliveryAudit.Of([Point("A", 1, 0), Point("A", 2, 0)]);

        audit.Problems.Should().ContainSingle().Which.Should().Contain("seq 1").And.Contain("seq 2");
        audit.Losses.Should().BeEmpty("both sequence numbers arrived");
    }

    [Fact]
    public void Of_OneSequenceForTwoPoints_IsAProblem()
    {
        var audit = DeliveryAudit.Of([Point("A", 1, 0), Point("B", 1, 0)]);

        audit.Problems.Should().ContainSingle().Which.Should().Be("seq 1 carried two different points");
    }

    [Fact]
    public void Of_TagOutOfTimeOrder_IsAProblem()
    {
        var audit = DeliveryAudit.Of([Point("A", 1, 100), Point("B", 2, 0), Point("A", 3, 0)]);

        audit.Problems.Should().ContainSingle().Which.Should().StartWith("A:");
    }

    private static ReceivedPoint Point(string tag, long sequence, int milliseconds) => new(tag, sequence, T0.AddMilliseconds(milliseconds));
}
