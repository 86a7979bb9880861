namespace Proxus.Drivers.Modbus.Data;

/// <summary>The four Modbus data tables (§4.3).</summary>
public enum ModbusArea
{
    Coil,
    DiscreteInput,
    InputRegister,
    HoldingRegister,
}
