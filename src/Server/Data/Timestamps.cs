namespace Proxus.Server.Data;

/// <summary>
/// Every persisted instant is UTC with microsecond precision, the precision both databases keep, so
/// that a value written and read back compares equal (the audit chain hashes it).
/// </summary>
public static class Timestamps
{
    public static DateTimeOffset Now(TimeProvider timeProvider) => Truncate(timeProvider.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
