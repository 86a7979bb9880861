using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Proxus.Server.Data;

/// <summary>
/// Stores a UTC <see cref="DateTimeOffset"/> as microseconds since the Unix epoch in an SQLite
/// INTEGER, so that comparisons and ordering are translated to SQL and the value round-trips at the
/// same precision as PostgreSQL's <c>timestamptz</c>.
/// </summary>
internal sealed class UtcMicrosecondsConverter : ValueConverter<DateTimeOffset, long>
{
    public UtcMicrosecondsConverter()
        : base(value => ToMicroseconds(value), microseconds => FromMicroseconds(microseconds))
    {
    }

    private static long ToMicroseconds(DateTimeOffset value)
        => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset FromMicroseconds(long microseconds)
        => DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
