using Proxus.Mqtt.Broker;

namespace Proxus.Mqtt.Tests.Broker;

public sealed class MqttPacketIdTableTests
{
    [Fact]
    public void Operations_RandomAgainstADictionary_AlwaysAgree()
    {
        var random = new Random(20261123);
        var table = new MqttPacketIdTable<string>();
        var model = new Dictionary<ushort, string>();
        for (var step = 0; step < 200_000; step++)
        {
            // Mostly a sliding window of consecutive identifiers, as the broker hands them out, with
            // random ones among them so that runs collide and wrap around the table.
            var id = random.Next(4) == 0 ? (ushort)random.Next(1, 65536) : (ushort)(1 + ((step / 2) % 3000));
            switch (random.Next(3))
            {
                case 0:
                    table.Set(id, $"v{step}");
                    model[id] = $"v{step}";
                    break;
                case 1:
                    table.Remove(id, out var removed).Should().Be(model.Remove(id, out var expected));
                    removed.Should().Be(expected);
                    break;
                default:
                    table.TryGetValue(id, out var found).Should().Be(model.TryGetValue(id, out var value));
                    found.Should().Be(value);
                    break;
            }

            table.Count.Should().Be(model.Count);
        }

        foreach (var (id, value) in model)
        {
            table.TryGetValue(id, out var found).Should().BeTrue();
            found.Should().Be(value);
        }
    }

    [Fact]
    public void Window_SlidesThroughEveryIdentifierAndWraps_FindsEachAndStaysSmall()
    {
        var table = new MqttPacketIdTable<string>();
        const int Window = 1000;
        for (var sent = 0; sent < 3 * 65535; sent++)
        {
            var id = (ushort)((sent % 65535) + 1);
            table.Add(id, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (sent >= Window)
            {
                var acknowledged = (ushort)(((sent - Window) % 65535) + 1);
                table.Remove(acknowledged, out var value).Should().BeTrue();
                value.Should().Be(acknowledged.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        table.Count.Should().Be(Window);
        table.Capacity.Should().Be(2048, "at most half full, a power of two");
    }

    [Fact]
    public void Window_StuckMessageWhileTheRestWraps_EveryEntryStillFound()
    {
        var table = new MqttPacketIdTable<string>();
        table.Add(5, "stuck");
        for (var sent = 0; sent < 2 * 65535; sent++)
        {
            var id = (ushort)(6 + (sent % 65000));
            table.Add(id, "moving");
            table.TryGetValue(5, out var stuck).Should().BeTrue();
            stuck.Should().Be("stuck");
            if (sent >= 100)
            {
                table.Remove((ushort)(6 + ((sent - 100) % 65000)), out _).Should().BeTrue();
            }
        }

        table.Count.Should().Be(101);
        table.Remove(5, out var removed).Should().BeTrue();
        removed.Should().Be("stuck");
    }

    [Fact]
    public void Remove_AfterAGrowth_ShrinksBackAndKeepsTheRest()
    {
        var table = new MqttPacketIdTable<string>();
        for (ushort id = 1; id <= 20_000; id++)
        {
            table.Add(id, "x");
        }

        table.Capacity.Should().Be(65536);
        for (ushort id = 1; id <= 19_990; id++)
        {
            table.Remove(id, out _).Should().BeTrue();
        }

        table.Count.Should().Be(10);
        table.Capacity.Should().BeLessThanOrEqualTo(128);
        table.TryGetValue(19_995, out var kept).Should().BeTrue();
        kept.Should().Be("x");
        table.TryGetValue(5, out _).Should().BeFalse();
    }

    [Fact]
    public void Set_ExistingIdentifier_ReplacesWithoutAddingAndClearEmpties()
    {
        var table = new MqttPacketIdTable<string>();
        table.Set(7, "a");
        table.Set(7, "b");

        table.Count.Should().Be(1);
        table.TryGetValue(7, out var value).Should().BeTrue();
        value.Should().Be("b");

        table.Clear();
        table.Count.Should().Be(0);
        table.TryGetValue(7, out _).Should().BeFalse();
    }
}
