using System.Globalization;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;

namespace Proxus.Simulators.Modbus;

/// <summary>Requests touching <see cref="From"/>..<see cref="To"/> (inclusive, same table) get exception <see cref="Code"/>.</summary>
public sealed record ModbusExceptionRange(string From, string To, ModbusExceptionCode Code = ModbusExceptionCode.IllegalDataAddress)
{
    /// <summary>Parses <c>HR100-HR110:2</c> (the code defaults to 2, illegal data address).</summary>
    public static ModbusExceptionRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        var bounds = parts[0].Split('-');
        var code = parts.Length > 1 ? (ModbusExceptionCode)byte.Parse(parts[1], CultureInfo.InvariantCulture) : ModbusExceptionCode.IllegalDataAddress;
        var range = new ModbusExceptionRange(bounds[0], bounds.Length > 1 ? bounds[1] : bounds[0], code);
        range.Validate();
        return range;
    }

    public void Validate()
    {
        var from = ModbusAddress.Parse(From);
        var to = ModbusAddress.Parse(To);
        if (from.Area != to.Area || to.Offset < from.Offset)
        {
            throw new ArgumentException($"Exception range {From}-{To} must be ascending within one table.");
        }
    }

    public bool Overlaps(ModbusArea area, int start, int count)
    {
        var from = ModbusAddress.Parse(From);
        var to = ModbusAddress.Parse(To);
        return from.Area == area && start <= to.Offset && start + count - 1 >= from.Offset;
    }
}
