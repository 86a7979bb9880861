using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Proxus.Server.Telemetry;

/// <summary>
/// Encodes telemetry rows in PostgreSQL's binary <c>COPY</c> file format (PostgreSQL 15
/// documentation, "COPY", section "Binary Format"): an 11-byte signature, a 32-bit flags field and a
/// 32-bit header-extension length; then per row a 16-bit field count and per field a 32-bit length
/// (-1 for NULL) followed by the value in the type's binary send format, in network byte order; a
/// 16-bit -1 ends the data. The column order is that of <see cref="Columns"/>. The whole batch is
/// encoded into one buffer by plain span writes, with no per-field type resolution or boxing, and
/// sent by Npgsql's raw binary COPY stream.
/// </summary>
internal static class TelemetryCopyEncoder
{
    /// <summary>The column list every encoded row matches, in order.</summary>
    public const string Columns = "(tag_id, source_ts, server_ts, value_num, value_bool, value_text, quality, seq)";

    /// <summary>A row without its text value is at most this long.</summary>
    public const int MaxFixedRowBytes = 2 + (4 + 4) + (4 + 8) + (4 + 8) + (4 + 8) + (4 + 1) + 4 + (4 + 2) + (4 + 8);

    private const short FieldCount = 8;

    /// <summary><c>timestamptz</c> is microseconds since 2000-01-01T00:00:00Z.</summary>
    private static readonly long PostgresEpochTicks = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    /// <summary>"PGCOPY\n\377\r\n\0", no flags (no OIDs), no header extension.</summary>
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static void WriteHeader(IBufferWriter<byte> writer) => writer.Write(Header);

    /// <summary>The file trailer: a field count of -1.</summary>
    public static void WriteTrailer(IBufferWriter<byte> writer)
    {
        BinaryPrimitives.WriteInt16BigEndian(writer.GetSpan(2), -1);
        writer.Advance(2);
    }

    /// <summary>One row of <c>telemetry</c> for <paramref name="point"/>, whose tag has the id <paramref name="tagId"/>.</summary>
    public static void WriteRow(IBufferWriter<byte> writer, int tagId, TelemetryPoint point)
    {
        var textBytes = point.Text is { } text ? Encoding.UTF8.GetByteCount(text) : 0;
        var span = writer.GetSpan(MaxFixedRowBytes + textBytes);
        BinaryPrimitives.WriteInt16BigEndian(span, FieldCount);
        var at = 2;
        at += WriteInt32(span[at..], tagId);
        at += WriteInt64(span[at..], ToPostgresMicroseconds(point.SourceTimestamp));
        at += WriteInt64(span[at..], ToPostgresMicroseconds(point.ServerTimestamp));
        at += point.Number is { } number ? WriteInt64(span[at..], BitConverter.DoubleToInt64Bits(number)) : WriteNull(span[at..]);
        at += point.Boolean is { } boolean ? WriteBoolean(span[at..], boolean) : WriteNull(span[at..]);
        if (point.Text is { } value)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[at..], textBytes);
            at += 4 + Encoding.UTF8.GetBytes(value, span[(at + 4)..]);
        }
        else
        {
            at += WriteNull(span[at..]);
        }

        BinaryPrimitives.WriteInt32BigEndian(span[at..], 2);
        BinaryPrimitives.WriteInt16BigEndian(span[(at + 4)..], (short)point.Quality);
        at += 6;
        at += point.Sequence is { } sequence ? WriteInt64(span[at..], sequence) : WriteNull(span[at..]);
        writer.Advance(at);
    }

    /// <summary>Whole microseconds since the PostgreSQL epoch (the points are already truncated to microseconds).</summary>
    public static long ToPostgresMicroseconds(DateTimeOffset value) => (value.UtcTicks - PostgresEpochTicks) / TimeSpan.TicksPerMicrosecond;

    private static int WriteInt32(Span<byte> destination, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, 4);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], value);
        return 8;
    }

    private static int WriteInt64(Span<byte> destination, long value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, 8);
        BinaryPrimitives.WriteInt64BigEndian(destination[4..], value);
        return 12;
    }

    private static int WriteBoolean(Span<byte> destination, bool value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, 1);
        destination[4] = value ? (byte)1 : (byte)0;
        return 5;
    }

    private static int WriteNull(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, -1);
        return 4;
    }
}
