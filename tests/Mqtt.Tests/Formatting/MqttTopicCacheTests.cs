using System.Buffers;
using System.Text;
using Proxus.Mqtt.Formatting;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Formatting;

public sealed class MqttTopicCacheTests
{
    private const string Topic = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C";

    [Fact]
    public void Decode_SameBytesTwice_OneSharedString()
    {
        var cache = new MqttTopicCache(16);

        var first = cache.Decode(Encoding.UTF8.GetBytes(Topic));
        var second = cache.Decode(Encoding.UTF8.GetBytes(Topic));

        first.Should().Be(Topic);
        second.Should().BeSameAs(first);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public void Decode_MultibyteAndDistinctTopics_EachDecodedExactly()
    {
        var cache = new MqttTopicCache(16);
        string[] topics = ["Acme/Zürich/Temp", "Acme/Zürich/Temq", "Acme/東京/温度", "a"];

        foreach (var topic in topics.Concat(topics))
        {
            cache.Decode(Encoding.UTF8.GetBytes(topic)).Should().Be(topic);
        }

        cache.Count.Should().Be(topics.Length);
    }

    [Fact]
    public void Decode_PastCapacity_DecodedPerMessageAndNothingMoreKept()
    {
        var cache = new MqttTopicCache(1);
        cache.Decode("A/first"u8);

        var first = cache.Decode("A/second"u8);
        var second = cache.Decode("A/second"u8);

        second.Should().Be("A/second").And.NotBeSameAs(first);
        cache.Count.Should().Be(1);
        cache.Decode("A/first"u8).Should().BeSameAs(cache.Decode("A/first"u8));
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    public void Decode_IllFormedUtf8OrNul_MalformedEveryTimeAndNotKept(byte[] topic)
    {
        var cache = new MqttTopicCache(16);

        for (var i = 0; i < 2; i++)
        {
            var act = () => cache.Decode(topic);
            act.Should().Throw<MqttProtocolException>().Which.ReasonCode.Should().Be(MqttReasonCode.MalformedPacket);
        }

        cache.Count.Should().Be(0);
    }

    [Fact]
    public void TryDecode_PublishesOnOneTopicWithACache_TheSameTopicStringAndTheirOwnPayloads()
    {
        var cache = new MqttTopicCache(16);
        var first = Decode(new PublishPacket { Topic = Topic, PacketId = 1, QualityOfService = MqttQualityOfService.AtLeastOnce, Payload = new byte[] { 1 } }, cache);
        var second = Decode(new PublishPacket { Topic = Topic, PacketId = 2, QualityOfService = MqttQualityOfService.AtLeastOnce, Payload = new byte[] { 2 } }, cache);

        second.Topic.Should().BeSameAs(first.Topic).And.Be(Topic);
        first.Payload.ToArray().Should().Equal(1);
        second.Payload.ToArray().Should().Equal(2);
    }

    [Fact]
    public void TryDecode_WildcardTopicWithACache_ProtocolErrorAndNotKept()
    {
        var cache = new MqttTopicCache(16);
        var bytes = Codec.Encode(new PublishPacket { Topic = "A/x", Payload = new byte[] { 1 } }, MqttProtocolVersion.V500);
        bytes[5] = (byte)'+';

        var act = () =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V500, uint.MaxValue, cache, payloads: null, out _);
        };

        act.Should().Throw<MqttProtocolException>().Which.ReasonCode.Should().Be(MqttReasonCode.TopicNameInvalid);
        cache.Count.Should().Be(0);
    }

    private static PublishPacket Decode(PublishPacket packet, MqttTopicCache cache)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Codec.Encode(packet, MqttProtocolVersion.V500)));
        MqttPacketDecoder.TryDecode(ref reader, MqttProtocolVersion.V500, uint.MaxValue, cache, payloads: null, out var decoded).Should().BeTrue();
        return (PublishPacket)decoded!;
    }
}
