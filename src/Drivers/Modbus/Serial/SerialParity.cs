namespace Proxus.Drivers.Modbus.Serial;

public enum SerialParity
{
    None,
    Even,
    Odd,
}
