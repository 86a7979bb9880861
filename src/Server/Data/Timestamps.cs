namespace Proxus.Server.Data;

/// <summary>
/// Every persisted instant is UTC with microsecond precision, the precision both databases keep, so
/// that a value written and read back compares equal (the audit chain hashes it).
/// </summary>
public static class Timestamps
{
    /// <summary>An instant in text meant for people (a timeline detail, an alert summary): UTC to the second, as the portal shows times.</summary>
    public static string ForPeople(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset Now(TimeProvider timeProvider) => Truncate(timeProvider.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
