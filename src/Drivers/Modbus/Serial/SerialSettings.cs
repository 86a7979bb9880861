namespace Proxus.Drivers.Modbus.Serial;

/// <summary>Line settings of a serial port. Modbus RTU uses 8 data bits; even parity is the specification's default (§2.5.1).</summary>
public sealed record SerialSettings(int BaudRate = 19200, SerialParity Parity = SerialParity.Even, int StopBits = 1, int DataBits = 8)
{
    internal static readonly IReadOnlyDictionary<int, uint> BaudRates = new Dictionary<int, uint>
    {
        [1200] = 0x9,
        [2400] = 0xB,
        [4800] = 0xC,
        [9600] = 0xD,
        [19200] = 0xE,
        [38400] = 0xF,
        [57600] = 0x1001,
        [115200] = 0x1002,
        [230400] = 0x1003,
    };

    /// <summary>Throws <see cref="ArgumentException"/> for settings a tty cannot take.</summary>
    public void Validate()
    {
        if (!BaudRates.ContainsKey(BaudRate))
        {
            throw new ArgumentException($"Baud rate {BaudRate} is not one of {string.Join(", ", BaudRates.Keys)}.", nameof(BaudRate));
        }

        if (StopBits is not (1 or 2))
        {
            throw new ArgumentException("Stop bits must be 1 or 2.", nameof(StopBits));
        }

        if (DataBits is not (7 or 8))
        {
            throw new ArgumentException("Data bits must be 7 or 8.", nameof(DataBits));
        }
    }
}
