namespace Proxus.Drivers.S7;

public static partial class S7ValueCodec
{
    /// <summary>DATE_AND_TIME years run from 1990 to 2089 (two BCD digits, 90..99 meaning 199x).</summary>
    public static readonly DateTime MinDateAndTime = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static readonly DateTime MaxDateAndTime = new(2089, 12, 31, 23, 59, 59, 999, DateTimeKind.Unspecified);

    private static DateTime DecodeDateAndTime(ReadOnlySpan<byte> data)
    {
        var year = Bcd(data[0]);
        var millisecondsHigh = Bcd(data[6]);
        var millisecondsLow = data[7] >> 4;
        if (millisecondsLow > 9)
        {
            throw InvalidBcd(data[7]);
        }

        try
        {
            return new DateTime(
                year >= 90 ? 1900 + year : 2000 + year,
                Bcd(data[1]),
                Bcd(data[2]),
                Bcd(data[3]),
                Bcd(data[4]),
                Bcd(data[5]),
                (millisecondsHigh * 10) + millisecondsLow,
                DateTimeKind.Unspecified);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new S7Exception(S7ErrorReason.InvalidValue, "The DATE_AND_TIME bytes do not form a calendar date.", exception);
        }
    }

    private static void EncodeDateAndTime(Span<byte> data, DateTime value)
    {
        if (value < MinDateAndTime || value > MaxDateAndTime)
        {
            throw new OverflowException("DATE_AND_TIME covers 1990-01-01 to 2089-12-31.");
        }

        data[0] = ToBcd(value.Year % 100);
        data[1] = ToBcd(value.Month);
        data[2] = ToBcd(value.Day);
        data[3] = ToBcd(value.Hour);
        data[4] = ToBcd(value.Minute);
        data[5] = ToBcd(value.Second);
        data[6] = ToBcd(value.Millisecond / 10);
        data[7] = (byte)(((value.Millisecond % 10) << 4) | ((int)value.DayOfWeek + 1));
    }

    private static int Bcd(byte value)
    {
        int high = value >> 4, low = value & 0x0F;
        return high > 9 || low > 9 ? throw InvalidBcd(value) : (high * 10) + low;
    }

    private static byte ToBcd(int value) => (byte)(((value / 10) << 4) | (value % 10));

    private static S7Exception InvalidBcd(byte value) => new(S7ErrorReason.InvalidValue, $"0x{value:X2} is not a BCD digit pair.");
}
