using System.Text;
using Proxus.Core.Normalization;

namespace Proxus.Core.Tests.Normalization;

public sealed class UnsPayloadTests
{
    private static readonly DateTimeOffset Timestamp = new(2026, 11, 21, 10, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Write_DesignExample_ProducesTheDocumentedJson()
    {
        var payload = new UnsPayload(TagValue.FromDouble(72.4), "degC", Quality.Good, Timestamp, "DB40.DBD12", 42);

        var json = Encoding.UTF8.GetString(UnsPayloadWriter.ToUtf8Bytes(payload));

        json.Should().Be("""{"value":72.4,"unit":"degC","quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"DB40.DBD12","seq":42}""");
    }

    [Fact]
    public void Write_BadWithoutValue_WritesNullAndReason()
    {
        var payload = new UnsPayload(TagValue.None, null, Quality.Bad("connection lost"), Timestamp.ToOffset(TimeSpan.FromHours(2)), "HR100", 7);

        var json = Encoding.UTF8.GetString(UnsPayloadWriter.ToUtf8Bytes(payload));

        json.Should().Be("""{"value":null,"quality":"bad","reason":"connection lost","timestamp":"2026-11-21T10:00:00.123Z","source":"HR100","seq":7}""");
    }

    [Fact]
    public void Write_NonFiniteDouble_WritesNull()
    {
        var json = Encoding.UTF8.GetString(UnsPayloadWriter.ToUtf8Bytes(new UnsPayload(TagValue.FromDouble(double.NaN), null, Quality.Bad("x"), Timestamp, "HR1", 1)));

        json.Should().StartWith("""{"value":null,""");
    }

    public static TheoryData<TagValue> Values => new()
    {
        TagValue.FromDouble(72.4),
        TagValue.FromDouble(-0.001),
        TagValue.FromInt64(-12),
        TagValue.FromInt64(long.MinValue),
        TagValue.FromUInt64(ulong.MaxValue),
        TagValue.FromBool(true),
        TagValue.FromString("Läuft \"ok\"\n"),
        TagValue.None,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Read_WhatWasWritten_RoundTrips(TagValue value)
    {
        var payload = new UnsPayload(value, "bar", Quality.Uncertain("clamped to the engineering range"), Timestamp, "ns=2;s=Line1.Pressure", long.MaxValue);

        var read = UnsPayloadReader.Read(UnsPayloadWriter.ToUtf8Bytes(payload));

        read.Should().Be(payload);
    }

    [Fact]
    public void Write_DateTimeValue_ReadsBackAsItsText()
    {
        var payload = new UnsPayload(TagValue.FromDateTime(new DateTime(2026, 1, 2, 3, 4, 5, 6, DateTimeKind.Utc)), null, Quality.Good, Timestamp, "DB1.DT0", 1);

        UnsPayloadReader.Read(UnsPayloadWriter.ToUtf8Bytes(payload)).Value.Should().Be(TagValue.FromString("2026-01-02T03:04:05.006Z"));
    }

    [Fact]
    public void Write_ReusedWriter_WritesOneObjectPerReset()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);

        UnsPayloadWriter.Write(writer, new UnsPayload(TagValue.FromInt64(1), null, Quality.Good, Timestamp, "CO1", 1));
        var first = buffer.WrittenCount;
        buffer.Clear();
        writer.Reset(buffer);
        UnsPayloadWriter.Write(writer, new UnsPayload(TagValue.FromInt64(2), null, Quality.Good, Timestamp, "CO1", 2));

        buffer.WrittenCount.Should().Be(first);
        UnsPayloadReader.Read(buffer.WrittenSpan).Sequence.Should().Be(2);
    }

    [Theory]
    [InlineData("[]", "the payload is not a JSON object")]
    [InlineData("""{"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""", "member 'value' is missing")]
    [InlineData("""{"value":1,"timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""", "member 'quality' is missing")]
    [InlineData("""{"value":1,"quality":"fine","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""", "member 'quality' ('fine') must be good, uncertain or bad")]
    [InlineData("""{"value":1,"quality":"good","source":"a","seq":1}""", "member 'timestamp' is missing")]
    [InlineData("""{"value":1,"quality":"good","timestamp":"yesterday","source":"a","seq":1}""", "member 'timestamp' ('yesterday') is not a UTC time like 2026-11-21T10:00:00.123Z")]
    [InlineData("""{"value":1,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","seq":1}""", "member 'source' is missing")]
    [InlineData("""{"value":1,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a"}""", "member 'seq' is missing")]
    [InlineData("""{"value":1,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":-1}""", "member 'seq' must be a non-negative integer")]
    [InlineData("""{"value":1,"value":2,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""", "member 'value' appears twice")]
    [InlineData("""{"value":[1],"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""", "member 'value' must be a number, a boolean, a string or null")]
    [InlineData("""{"value":1,"extra":1,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""", "unknown member 'extra'")]
    public void TryRead_Malformed_ReturnsPreciseError(string json, string expected)
    {
        UnsPayloadReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error).Should().BeFalse();

        error.Should().Be(expected);
    }

    [Theory]
    [InlineData("""{"value":1,"quality":"good",""")]
    [InlineData("""{"value":1,"unit":5,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}""")]
    [InlineData("not json")]
    [InlineData("""{"value":1,"quality":"good","timestamp":"2026-11-21T10:00:00.123Z","source":"a","seq":1}{}""")]
    public void TryRead_BrokenJson_ReportsMalformed(string json)
    {
        UnsPayloadReader.TryRead(Encoding.UTF8.GetBytes(json), out _, out var error).Should().BeFalse();

        error.Should().StartWith("malformed JSON: ");
    }

    [Fact]
    public void TryRead_OverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var json = new byte[UnsPayloadReader.MaxPayloadBytes + 1];

        UnsPayloadReader.TryRead(json, out _, out var error).Should().BeFalse();

        error.Should().Be($"the payload is {json.Length} bytes; the limit is {UnsPayloadReader.MaxPayloadBytes}");
    }
}
