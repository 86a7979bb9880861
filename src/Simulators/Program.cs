using System.CommandLine;
using Proxus.Simulators.Modbus;
using Proxus.Simulators.S7;

var root = new RootCommand("Proxus PLC simulators.")
{
    ModbusSimulatorCommand.Create(),
    S7SimulatorCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
