using System.Buffers;
using Proxus.Server.Telemetry;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>The binary COPY rows, byte for byte (PostgreSQL "COPY", "Binary Format"); the store tests send them to a real server.</summary>
public sealed class TelemetryCopyEncoderTests
{
    private const string Tag = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_C";

    /// <summary>2000-01-01T00:00:01.000002Z: 1,000,002 µs after the PostgreSQL epoch.</summary>
    private static readonly DateTimeOffset JustAfterEpoch = new DateTimeOffset(2000, 1, 1, 0, 0, 1, TimeSpan.Zero).AddTicks(20);

    [Fact]
    public void WriteHeaderAndTrailer_EmptyFile_SignatureFlagsExtensionAndEndMarker()
    {
        var buffer = new ArrayBufferWriter<byte>();

        TelemetryCopyEncoder.WriteHeader(buffer);
        TelemetryCopyEncoder.WriteTrailer(buffer);

        Convert.ToHexString(buffer.WrittenSpan).Should().Be("5047434F50590AFF0D0A00" + "00000000" + "00000000" + "FFFF");
    }

    [Fact]
    public void WriteRow_NumberWithSequence_KnownBytes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var point = new TelemetryPoint(Tag, JustAfterEpoch, JustAfterEpoch.AddTicks(10), 1.5, null, null, TelemetryQuality.Uncertain, "degC", null, 258);

        TelemetryCopyEncoder.WriteRow(buffer, 7, point);

        Convert.ToHexString(buffer.WrittenSpan).Should().Be(
            "0008"
            + "00000004" + "00000007"
            + "00000008" + "00000000000F4242"
            + "00000008" + "00000000000F4243"
            + "00000008" + "3FF8000000000000"
            + "FFFFFFFF"
            + "FFFFFFFF"
            + "00000002" + "0001"
            + "00000008" + "0000000000000102");
    }

    [Fact]
    public void WriteRow_BooleanWithoutSequence_NullsWhereAbsent()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var point = new TelemetryPoint(Tag, JustAfterEpoch, JustAfterEpoch, null, true, null, TelemetryQuality.Bad, null, null, null);

        TelemetryCopyEncoder.WriteRow(buffer, 1, point);

        Convert.ToHexString(buffer.WrittenSpan[^23..]).Should().Be(
            "FFFFFFFF" + "00000001" + "01" + "FFFFFFFF" + "00000002" + "0002" + "FFFFFFFF");
    }

    [Fact]
    public void WriteRow_MultibyteText_LengthIsUtf8ByteCount()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var point = new TelemetryPoint(Tag, JustAfterEpoch, JustAfterEpoch, null, null, "Ü€", TelemetryQuality.Good, null, null, null);

        TelemetryCopyEncoder.WriteRow(buffer, 1, point);

        Convert.ToHexString(buffer.WrittenSpan[^27..]).Should().Be(
            "FFFFFFFF" + "FFFFFFFF" + "00000005" + "C39CE282AC" + "00000002" + "0000" + "FFFFFFFF");
    }

    [Fact]
    public void ToPostgresMicroseconds_BeforeAndAfterEpoch_SignedMicroseconds()
    {
        TelemetryCopyEncoder.ToPostgresMicroseconds(JustAfterEpoch).Should().Be(1_000_002);
        TelemetryCopyEncoder.ToPostgresMicroseconds(new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero)).Should().Be(-1_000_000);
        TelemetryCopyEncoder.ToPostgresMicroseconds(new DateTimeOffset(2000, 1, 1, 2, 0, 0, TimeSpan.FromHours(2))).Should().Be(0, "the instant counts, not the offset");
    }
}
