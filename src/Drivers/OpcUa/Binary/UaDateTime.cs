namespace Proxus.Drivers.OpcUa.Binary;

/// <summary>
/// The OPC UA DateTime: 100 ns ticks since 1601-01-01 UTC (Part 6 section 5.2.2.5). Values at or
/// before the epoch decode to <see cref="DateTime.MinValue"/>, values past year 9999 to
/// <see cref="DateTime.MaxValue"/>, and those two encode as 0 and Int64.MaxValue.
/// </summary>
internal static class UaDateTime
{
    private static readonly long EpochTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks - EpochTicks;

    public static DateTime FromTicks(long ticks)
    {
        if (ticks <= 0)
        {
            return DateTime.MinValue;
        }

        return ticks >= MaxTicks ? DateTime.MaxValue : new DateTime(ticks + EpochTicks, DateTimeKind.Utc);
    }

    public static long ToTicks(DateTime value)
    {
        if (value == DateTime.MinValue)
        {
            return 0;
        }

        if (value == DateTime.MaxValue)
        {
            return long.MaxValue;
        }

        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var ticks = utc.Ticks - EpochTicks;
        return ticks < 0 ? 0 : ticks;
    }
}
