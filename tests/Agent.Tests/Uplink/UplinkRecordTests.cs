using System.Text;
using Proxus.Agent.Uplink;

namespace Proxus.Agent.Tests.Uplink;

public sealed class UplinkRecordTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Encode_ThenDecode_RoundTrips(bool retain)
    {
        var payload = "{\"value\":1}"u8.ToArray();
        var record = UplinkRecord.Encode("Acme/SiteA/Press/Line1/Press_Machine/Temperature_C", payload, retain);

        UplinkRecord.TryDecode(record, out var decoded, out var error).Should().BeTrue(error);

        decoded.Topic.Should().Be("Acme/SiteA/Press/Line1/Press_Machine/Temperature_C");
        decoded.Payload.ToArray().Should().Equal(payload);
        decoded.Retain.Should().Be(retain);
    }

    [Fact]
    public void Encode_KnownRecord_HasTheDocumentedLayout()
    {
        var record = UplinkRecord.Encode("a/b", "xy"u8, retain: true);

        record.Should().Equal(0x01, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', (byte)'x', (byte)'y');
    }

    [Fact]
    public void Encode_EmptyPayload_RoundTrips()
    {
        var record = UplinkRecord.Encode("t", [], retain: false);

        UplinkRecord.TryDecode(record, out var decoded, out _).Should().BeTrue();
        decoded.Payload.Length.Should().Be(0);
    }

    [Fact]
    public void TryDecode_EveryTruncatedPrefixOfTheHeaderAndTopic_IsRefused()
    {
        var record = UplinkRecord.Encode("Acme/SiteA/x", "{}"u8, retain: true);
        for (var length = 0; length < 3 + "Acme/SiteA/x".Length; length++)
        {
            UplinkRecord.TryDecode(record.AsMemory(0, length), out _, out var error).Should().BeFalse($"a prefix of {length} bytes is not a record");
            error.Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public void TryDecode_TopicLengthBeyondTheRecord_IsRefusedWithoutAllocating()
    {
        byte[] record = [0x01, 0xFF, 0xFF, (byte)'a'];

        UplinkRecord.TryDecode(record, out _, out var error).Should().BeFalse();
        error.Should().Contain("does not fit");
    }

    [Fact]
    public void TryDecode_ZeroLengthTopic_IsRefused()
    {
        byte[] record = [0x00, 0x00, 0x00, (byte)'x'];

        UplinkRecord.TryDecode(record, out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void TryDecode_UnknownFlags_IsRefused(byte flags)
    {
        byte[] record = [flags, 0x00, 0x01, (byte)'t'];

        UplinkRecord.TryDecode(record, out _, out var error).Should().BeFalse();
        error.Should().Contain("flags");
    }

    [Fact]
    public void TryDecode_TopicNotUtf8_IsRefused()
    {
        byte[] record = [0x00, 0x00, 0x02, 0xC3, 0x28];

        UplinkRecord.TryDecode(record, out _, out var error).Should().BeFalse();
        error.Should().Contain("UTF-8");
    }

    [Fact]
    public void Encode_TopicLongerThan65535Bytes_Throws()
    {
        var topic = new string('a', UplinkRecord.MaxTopicBytes + 1);

        var encode = () => UplinkRecord.Encode(topic, [], retain: true);

        encode.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Encode_NonAsciiTopic_RoundTripsAsUtf8()
    {
        var record = UplinkRecord.Encode("Acme/Zürich/t", [], retain: true);

        UplinkRecord.TryDecode(record, out var decoded, out _).Should().BeTrue();
        decoded.Topic.Should().Be("Acme/Zürich/t");
        Encoding.UTF8.GetByteCount(decoded.Topic).Should().Be(record[2]);
    }
}
