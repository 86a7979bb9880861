using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.Tests.OpcUa;

/// <summary>Notification messages are delivered in sequence: gaps are republished, duplicates dropped.</summary>
public sealed class SubscriptionSequenceTests
{
    private static NotificationMessage Message(uint sequence, double value)
        => new(sequence, DateTime.UtcNow, [(1u, new DataValue(new Variant(BuiltInType.Double, value)))], null, false);

    private static NotificationMessage KeepAlive(uint next) => new(next, DateTime.UtcNow, [], null, true);

    [Fact]
    public async Task ProcessAsync_GapInSequence_RepublishesTheMissingMessagesFirst()
    {
        var subscription = Create();
        var republished = new List<uint>();
        Task<NotificationMessage?> Republish(uint sequence)
        {
            republished.Add(sequence);
            return Task.FromResult<NotificationMessage?>(Message(sequence, sequence));
        }

        (await subscription.ProcessAsync(Message(1, 1), Republish, default)).Should().Equal(1u);
        (await subscription.ProcessAsync(Message(4, 4), Republish, default)).Should().Equal(2u, 3u, 4u);

        republished.Should().Equal(2u, 3u);
        Drain(subscription).Should().Equal(1, 2, 3, 4);
        subscription.RepublishedMessages.Should().Be(2);
    }

    [Fact]
    public async Task ProcessAsync_MessageNoLongerAvailable_CountsItAsLost()
    {
        var subscription = Create();

        await subscription.ProcessAsync(Message(10, 10), _ => Task.FromResult<NotificationMessage?>(null), default);
        await subscription.ProcessAsync(Message(12, 12), _ => Task.FromResult<NotificationMessage?>(null), default);

        subscription.LostMessages.Should().Be(1);
        Drain(subscription).Should().Equal(10, 12);
    }

    [Fact]
    public async Task ProcessAsync_DuplicateAndStaleKeepAlive_AreNotDeliveredTwice()
    {
        var subscription = Create();
        static Task<NotificationMessage?> Never(uint sequence) => throw new InvalidOperationException($"no republish expected for {sequence}");

        await subscription.ProcessAsync(Message(5, 5), Never, default);
        await subscription.ProcessAsync(Message(6, 6), Never, default);
        (await subscription.ProcessAsync(Message(6, 6), Never, default)).Should().BeEmpty();
        await subscription.ProcessAsync(KeepAlive(6), Never, default);
        (await subscription.ProcessAsync(Message(6, 6), Never, default)).Should().BeEmpty();
        await subscription.ProcessAsync(KeepAlive(7), Never, default);
        await subscription.ProcessAsync(Message(7, 7), Never, default);

        Drain(subscription).Should().Equal(5, 6, 7);
    }

    [Fact]
    public async Task ProcessAsync_KeepAliveRevealingAGap_RepublishesIt()
    {
        var subscription = Create();

        await subscription.ProcessAsync(Message(1, 1), _ => Task.FromResult<NotificationMessage?>(null), default);
        var acknowledged = await subscription.ProcessAsync(KeepAlive(3), s => Task.FromResult<NotificationMessage?>(Message(s, s)), default);

        acknowledged.Should().Equal(2u);
        Drain(subscription).Should().Equal(1, 2);
    }

    [Fact]
    public async Task ProcessAsync_ExactRepeatOfTheLastValueInANewMessage_IsNotAChange()
    {
        var subscription = Create();
        var stamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        NotificationMessage At(uint sequence, double value, DateTime source)
            => new(sequence, DateTime.UtcNow, [(1u, new DataValue(new Variant(BuiltInType.Double, value), StatusCode.Good, source))], null, false);

        await subscription.ProcessAsync(At(1, 31, stamp), _ => Task.FromResult<NotificationMessage?>(null), default);
        await subscription.ProcessAsync(At(2, 31, stamp), _ => Task.FromResult<NotificationMessage?>(null), default);
        await subscription.ProcessAsync(At(3, 31, stamp.AddSeconds(1)), _ => Task.FromResult<NotificationMessage?>(null), default);

        Drain(subscription).Should().Equal(31, 31);
    }

    private static OpcUaSubscription Create()
    {
        var subscription = new OpcUaSubscription(null!, new SubscriptionOptions());
        subscription.Register(new MonitoredItem(1, new MonitoredItemOptions(new NodeId("X", 1))));
        return subscription;
    }

    private static List<double> Drain(OpcUaSubscription subscription)
    {
        var values = new List<double>();
        while (subscription.Changes.TryRead(out var change))
        {
            values.Add((double)change.Value.Value.Value!);
        }

        return values;
    }
}
