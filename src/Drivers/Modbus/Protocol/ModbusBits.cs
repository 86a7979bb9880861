namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>Coil and discrete-input packing: the first bit is the least significant bit of the first byte (§6.1, §6.11).</summary>
public static class ModbusBits
{
    public static void Pack(ReadOnlySpan<bool> values, Span<byte> destination)
    {
        destination[..((values.Length + 7) / 8)].Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                destination[i / 8] |= (byte)(1 << (i % 8));
            }
        }
    }

    public static bool[] Unpack(ReadOnlySpan<byte> source, int count)
    {
        var values = new bool[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (source[i / 8] & (1 << (i % 8))) != 0;
        }

        return values;
    }
}
