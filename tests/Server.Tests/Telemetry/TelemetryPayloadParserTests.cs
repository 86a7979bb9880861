using System.Text;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Telemetry;

public sealed class TelemetryPayloadParserTests
{
    private const string Tag = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 1, TimeSpan.Zero);
    private static readonly TelemetryOptions Limits = new();

    [Fact]
    public void TryParse_FullUnsPayload_ReadsEveryMember()
    {
        var ok = Parse("""{"value": 72.4, "unit": "degC", "quality": "uncertain", "timestamp": "2026-11-21T10:00:00.1234567Z", "source": "DB40.DBD12", "seq": 42}""", out var point, out _);

        ok.Should().BeTrue();
        point!.Path.Should().Be(Tag);
        point.Number.Should().Be(72.4);
        point.Boolean.Should().BeNull();
        point.Text.Should().BeNull();
        point.Unit.Should().Be("degC");
        point.Quality.Should().Be(TelemetryQuality.Uncertain);
        point.SourceTimestamp.Should().Be(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), "timestamps keep microseconds");
        point.ServerTimestamp.Should().Be(Now);
        point.Source.Should().Be("DB40.DBD12");
        point.Sequence.Should().Be(42);
    }

    [Theory]
    [InlineData("""{"value": true, "timestamp": "2026-11-21T10:00:00Z"}""", true)]
    [InlineData("""{"value": false, "timestamp": "2026-11-21T10:00:00Z"}""", false)]
    public void TryParse_BooleanValue_IsBoolean(string json, bool expected)
    {
        Parse(json, out var point, out _).Should().BeTrue();
        point!.Boolean.Should().Be(expected);
        point.Number.Should().BeNull();
        point.Quality.Should().Be(TelemetryQuality.Good, "quality defaults to good");
    }

    [Fact]
    public void TryParse_StringNullAndOffsetTimestamp_AreAccepted()
    {
        Parse("""{"value": "RUNNING", "timestamp": "2026-11-21T11:00:00+01:00", "extra": {"nested": [1, 2]}}""", out var text, out _).Should().BeTrue();
        text!.Text.Should().Be("RUNNING");
        text.SourceTimestamp.Should().Be(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

        Parse("""{"value": null, "quality": "bad", "timestamp": "2026-11-21T10:00:00Z"}""", out var empty, out _).Should().BeTrue();
        empty!.Value.Should().BeNull();
        empty.Quality.Should().Be(TelemetryQuality.Bad);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("72.4", "not a JSON object")]
    [InlineData("""{"value": 1}""", "timestamp is missing")]
    [InlineData("""{"value": 1, "timestamp": "2026-11-21T10:00:00"}""", "timestamp")]
    [InlineData("""{"value": 1, "timestamp": "yesterday Z"}""", "timestamp")]
    [InlineData("""{"value": 1, "timestamp": 1732183200000}""", "timestamp")]
    [InlineData("""{"value": {"a": 1}, "timestamp": "2026-11-21T10:00:00Z"}""", "value is not")]
    [InlineData("""{"value": [1], "timestamp": "2026-11-21T10:00:00Z"}""", "value is not")]
    [InlineData("""{"value": 1e400, "timestamp": "2026-11-21T10:00:00Z"}""", "finite")]
    [InlineData("""{"value": 1, "quality": "GOOD", "timestamp": "2026-11-21T10:00:00Z"}""", "quality")]
    [InlineData("""{"value": 1, "quality": 0, "timestamp": "2026-11-21T10:00:00Z"}""", "quality")]
    [InlineData("""{"value": 1, "seq": -1, "timestamp": "2026-11-21T10:00:00Z"}""", "seq")]
    [InlineData("""{"value": 1, "seq": 1.5, "timestamp": "2026-11-21T10:00:00Z"}""", "seq")]
    [InlineData("""{"value": 1, "unit": 5, "timestamp": "2026-11-21T10:00:00Z"}""", "unit")]
    [InlineData("""{"value": 1, "timestamp": "2026-11-21T12:00:00Z"}""", "future")]
    [InlineData("""{"value": 1, "timestamp": "2026-11-21T10:00:00Z"} {}""", "not valid JSON")]
    [InlineData("{\"value\": 1, \"timestamp\": \"2026-11-21T10:00:00Z\" /* c */}", "not valid JSON")]
    [InlineData("""{"value": 1, "x": [[[[[[[[[[1]]]]]]]]]], "timestamp": "2026-11-21T10:00:00Z"}""", "not valid JSON")]
    public void TryParse_MalformedPayload_FalseWithReason(string json, string reason)
    {
        Parse(json, out var point, out var error).Should().BeFalse();
        point.Should().BeNull();
        error.Should().Contain(reason);
    }

    [Fact]
    public void TryParse_InvalidUtf8InString_FalseWithoutThrowing()
    {
        var payload = Encoding.UTF8.GetBytes("""{"value": "AB", "timestamp": "2026-11-21T10:00:00Z"}""");
        payload[11] = 0xFF;

        var ok = TelemetryPayloadParser.TryParse(new IngestMessage(Tag, payload), Now, Limits, out _, out var error);

        ok.Should().BeFalse();
        error.Should().NotBeEmpty();
    }

    [Fact]
    public void TryParse_OverLongStrings_False()
    {
        var limits = new TelemetryOptions { MaxTextLength = 8 };
        var message = new IngestMessage(Tag, Encoding.UTF8.GetBytes("""{"value": "123456789", "timestamp": "2026-11-21T10:00:00Z"}"""));
        TelemetryPayloadParser.TryParse(message, Now, limits, out _, out var error).Should().BeFalse();
        error.Should().Contain("MaxTextLength");

        Parse($$"""{"value": 1, "unit": "{{new string('u', 65)}}", "timestamp": "2026-11-21T10:00:00Z"}""", out _, out error).Should().BeFalse();
        error.Should().Contain("unit");
        Parse($$"""{"value": 1, "source": "{{new string('s', 257)}}", "timestamp": "2026-11-21T10:00:00Z"}""", out _, out error).Should().BeFalse();
        error.Should().Contain("source");
    }

    [Fact]
    public void TryParse_SameUnitAndSourceInTwoValues_SharedStringsEscapesResolved()
    {
        Parse("""{"value": 1, "unit": "\u00b0C", "source": "DB40.DBD12", "timestamp": "2026-11-21T10:00:00Z"}""", out var first, out _).Should().BeTrue();
        Parse("""{"value": 2, "unit": "°C", "source": "DB40.DBD12", "timestamp": "2026-11-21T10:00:01Z"}""", out var second, out _).Should().BeTrue();

        first!.Unit.Should().Be("°C").And.BeSameAs(second!.Unit);
        first.Source.Should().BeSameAs(second.Source);
        Parse($$"""{"value": 1, "unit": "{{new string('µ', 64)}}", "timestamp": "2026-11-21T10:00:00Z"}""", out var multibyte, out _).Should().BeTrue("64 characters of two bytes each are within the limit");
        multibyte!.Unit.Should().HaveLength(64);
    }

    [Fact]
    public void TryParse_PayloadOverLimit_FalseBeforeParsing()
    {
        var limits = new TelemetryOptions { MaxPayloadBytes = 64 };
        var message = new IngestMessage(Tag, Encoding.UTF8.GetBytes($$"""{"value": 1, "timestamp": "2026-11-21T10:00:00Z", "pad": "{{new string('x', 64)}}"}"""));

        TelemetryPayloadParser.TryParse(message, Now, limits, out _, out var error).Should().BeFalse();
        error.Should().Contain("MaxPayloadBytes");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Acme/+/Temp")]
    [InlineData("Acme/#")]
    [InlineData("Acme//Temp")]
    [InlineData("/Acme/Temp")]
    [InlineData("Acme/Temp/")]
    [InlineData("$SYS/broker/load")]
    [InlineData("Acme/Te\u0000mp")]
    public void TryParse_InvalidTopic_False(string topic)
    {
        var message = new IngestMessage(topic, Encoding.UTF8.GetBytes("""{"value": 1, "timestamp": "2026-11-21T10:00:00Z"}"""));

        TelemetryPayloadParser.TryParse(message, Now, Limits, out _, out var error).Should().BeFalse();
        error.Should().Contain("topic");
    }

    [Fact]
    public void TryParse_TopicOverMaxLength_False()
    {
        var message = new IngestMessage("A/" + new string('b', UnsTopic.MaxLength), Encoding.UTF8.GetBytes("""{"value": 1, "timestamp": "2026-11-21T10:00:00Z"}"""));

        TelemetryPayloadParser.TryParse(message, Now, Limits, out _, out _).Should().BeFalse();
    }

    private static bool Parse(string json, out TelemetryPoint? point, out string error)
        => TelemetryPayloadParser.TryParse(new IngestMessage(Tag, Encoding.UTF8.GetBytes(json)), Now, Limits, out point, out error);
}
