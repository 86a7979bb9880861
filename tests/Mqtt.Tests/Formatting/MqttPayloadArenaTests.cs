using System.Buffers;
using System.Runtime.InteropServices;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

public sealed class MqttPayloadArenaTests
{
    [Fact]
    public void Copy_SmallPayloads_CutFromOneSlabWithTheirBytes()
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 4);

        var first = arena.Copy([1, 2, 3]);
        var second = arena.Copy([4, 5]);

        first.ToArray().Should().Equal(1, 2, 3);
        second.ToArray().Should().Equal(4, 5);
        ArrayOf(first).Should().BeSameAs(ArrayOf(second));
        ArrayOf(first).Length.Should().Be(MqttPayloadArena.SlabSize);
        arena.SlabsCreated.Should().Be(1);
        arena.Outstanding.Should().Be(2);
    }

    [Fact]
    public void Release_EveryPayloadOfAFullSlab_TheSlabIsReusedForLaterPayloads()
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 4);
        var perSlab = MqttPayloadArena.SlabSize / MqttPayloadArena.LargestSlabPayload;
        var first = Enumerable.Range(0, perSlab).Select(_ => arena.Allocate(MqttPayloadArena.LargestSlabPayload)).ToList();
        var second = arena.Allocate(1);

        foreach (var payload in first)
        {
            arena.Release(payload).Should().BeTrue();
        }

        arena.FreeSlabs.Should().Be(1, "the first slab is full and all its payloads are back");
        var later = Enumerable.Range(0, perSlab).Select(_ => arena.Allocate(MqttPayloadArena.LargestSlabPayload)).ToList();

        arena.SlabsCreated.Should().Be(2);
        ArrayOf(later[^1]).Should().BeSameAs(ArrayOf(first[0]));
        ArrayOf(second).Should().NotBeSameAs(ArrayOf(first[0]));
        arena.Outstanding.Should().Be(1 + perSlab);
    }

    [Fact]
    public void Release_SamePayloadTwiceWhenItIsTheSlabsLast_Throws()
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 4);
        var payload = arena.Copy([7]);
        arena.Release(payload).Should().BeTrue();

        var again = () => arena.Release(payload);

        again.Should().Throw<InvalidOperationException>();
        arena.Outstanding.Should().Be(0);
    }

    [Fact]
    public void Release_MemoryNotFromASlab_ReturnsFalse()
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 4);
        var large = arena.Allocate(MqttPayloadArena.LargestSlabPayload + 1);
        var empty = arena.Allocate(0);

        ArrayOf(large).Length.Should().Be(MqttPayloadArena.LargestSlabPayload + 1, "a large payload has an array of its own");
        arena.Release(large).Should().BeFalse();
        arena.Release(empty).Should().BeFalse();
        arena.Release(new byte[] { 1 }).Should().BeFalse();
        arena.SlabsCreated.Should().Be(0);
    }

    [Fact]
    public void Release_BeyondTheFreeSlabLimit_SlabsAreLeftToTheCollector()
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 1);
        var perSlab = MqttPayloadArena.SlabSize / MqttPayloadArena.LargestSlabPayload;
        var payloads = Enumerable.Range(0, (3 * perSlab) + 1).Select(_ => arena.Allocate(MqttPayloadArena.LargestSlabPayload)).ToList();

        foreach (var payload in payloads)
        {
            arena.Release(payload).Should().BeTrue();
        }

        arena.FreeSlabs.Should().Be(1);
        arena.Release(payloads[perSlab]).Should().BeFalse("a slab left to the collector is no longer the arena's");
        arena.Outstanding.Should().Be(0);
    }

    [Theory]
    [InlineData(MqttQualityOfService.AtLeastOnce, 1)]
    [InlineData(MqttQualityOfService.ExactlyOnce, 1)]
    [InlineData(MqttQualityOfService.AtMostOnce, 0)]
    public void TryDecode_WithAnArena_QoS1And2PayloadsFromItsSlabs(MqttQualityOfService qos, int fromArena)
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 4);
        var payload = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

        var decoded = Decode(Publish(qos, payload), new ReadOnlySequence<byte>(Codec.Encode(Publish(qos, payload), MqttProtocolVersion.V500)), arena);

        decoded.Payload.ToArray().Should().Equal(payload);
        arena.Outstanding.Should().Be(fromArena);
        arena.Release(decoded.Payload).Should().Be(fromArena == 1);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(333)]
    public void TryDecode_WithAnArenaLargePublishInSegments_PayloadFromASlab(int segmentSize)
    {
        var arena = new MqttPayloadArena(maximumFreeSlabs: 4);
        var payload = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        var packet = Publish(MqttQualityOfService.AtLeastOnce, payload);

        var decoded = Decode(packet, Codec.Segmented(Codec.Encode(packet, MqttProtocolVersion.V500), segmentSize), arena);

        decoded.Payload.ToArray().Should().Equal(payload);
        ArrayOf(decoded.Payload).Length.Should().Be(MqttPayloadArena.SlabSize);
        arena.Outstanding.Should().Be(1);
    }

    private static PublishPacket Publish(MqttQualityOfService qos, byte[] payload) => new()
    {
        Topic = "Acme/SiteA/t",
        QualityOfService = qos,
        PacketId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : (ushort)9,
        Payload = payload,
    };

    private static PublishPacket Decode(PublishPacket expected, ReadOnlySequence<byte> bytes, MqttPayloadArena arena)
    {
        var reader = new SequenceReader<byte>(bytes);
        MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V500, uint.MaxValue, topics: null, arena, out var decoded).Should().BeTrue();
        var publish = decoded.Should().BeOfType<PublishPacket>().Subject;
        publish.Topic.Should().Be(expected.Topic);
        return publish;
    }

    private static byte[] ArrayOf(ReadOnlyMemory<byte> memory)
    {
        MemoryMarshal.TryGetArray(memory, out var segment).Should().BeTrue();
        return segment.Array!;
    }
}
