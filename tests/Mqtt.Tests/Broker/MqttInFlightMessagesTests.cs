using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class MqttInFlightMessagesTests
{
    [Fact]
    public void Remove_FirstMiddleAndLast_KeepsTheOthersInSendOrder()
    {
        var window = new MqttInFlightMessages();
        for (ushort id = 1; id <= 6; id++)
        {
            window.Set(Message(id));
        }

        window.Remove(1).Should().BeTrue();
        window.Remove(4).Should().BeTrue();
        window.Remove(6).Should().BeTrue();
        window.Remove(4).Should().BeFalse();

        window.Count.Should().Be(3);
        Ids(window).Should().Equal(2, 3, 5);
        window.Contains(4).Should().BeFalse();
    }

    [Fact]
    public void Set_AfterRemovingEverything_StartsANewOrder()
    {
        var window = new MqttInFlightMessages();
        window.Set(Message(1));
        window.Set(Message(2));
        window.Remove(2);
        window.Remove(1);

        window.Set(Message(9));
        window.Set(Message(3));

        Ids(window).Should().Equal(9, 3);
    }

    [Fact]
    public void Set_SamePacketIdAgain_ReplacesInPlace()
    {
        var window = new MqttInFlightMessages();
        window.Set(Message(1));
        window.Set(Message(2));
        window.Set(Message(3));
        var replacement = Message(2);

        window.Set(replacement);

        window.Count.Should().Be(3);
        Ids(window).Should().Equal(1, 2, 3);
        window.TryGetValue(2, out var found).Should().BeTrue();
        found.Should().BeSameAs(replacement);
        window.Remove(3);
        window.Remove(1);
        Ids(window).Should().Equal(2);
    }

    [Fact]
    public void Clear_UnlinksEveryMessage_SoTheyCanJoinAnotherWindow()
    {
        var first = new MqttInFlightMessages();
        var a = Message(1);
        var b = Message(2);
        first.Set(a);
        first.Set(b);

        first.Clear();
        var second = new MqttInFlightMessages();
        second.Set(b);

        first.Count.Should().Be(0);
        Ids(first).Should().BeEmpty();
        Ids(second).Should().Equal(2);
    }

    private static MqttOutboundMessage Message(ushort packetId) =>
        new(new MqttRoutedMessage { Topic = "t" }, MqttQualityOfService.AtLeastOnce, retain: false, [])
        {
            PacketId = packetId,
        };

    private static List<int> Ids(MqttInFlightMessages window)
    {
        var ids = new List<int>();
        foreach (var message in window)
        {
            ids.Add(message.PacketId);
        }

        return ids;
    }
}
