using Proxus.Drivers.S7;

namespace Proxus.Interop.Tests.S7.Support;

/// <summary>One value seeded in the simulator, with how each independent client names it.</summary>
internal sealed record CrossCheckTag(string Address, string? NodeS7Address, object Value)
{
    public S7Address Parsed => S7Address.Parse(Address);

    /// <summary>The snap7-client.js read operation for the tag's memory.</summary>
    public object Snap7Read()
    {
        var address = Parsed;
        var area = address.Area switch
        {
            S7Area.DataBlock => "DB",
            S7Area.Flags => "MK",
            S7Area.Inputs => "PE",
            S7Area.Outputs => "PA",
            S7Area.Timers => "TM",
            _ => "CT",
        };
        return address.DataType switch
        {
            S7DataType.Bool => new { op = "read", area, db = address.DbNumber, start = (address.ByteOffset * 8) + address.BitOffset, amount = 1, wordLen = "Bit" },
            S7DataType.Timer => new { op = "read", area, db = 0, start = address.ByteOffset, amount = 1, wordLen = "Timer" },
            S7DataType.Counter => new { op = "read", area, db = 0, start = address.ByteOffset, amount = 1, wordLen = "Counter" },
            _ => new { op = "read", area, db = address.DbNumber, start = address.ByteOffset, amount = address.ByteLength, wordLen = "Byte" },
        };
    }
}
