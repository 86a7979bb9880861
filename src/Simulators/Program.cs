using System.CommandLine;
using Proxus.Simulators.Modbus;

var root = new RootCommand("Proxus PLC simulators.")
{
    ModbusSimulatorCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
