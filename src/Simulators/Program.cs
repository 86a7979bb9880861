using System.CommandLine;
using Proxus.Simulators.S7;

var root = new RootCommand("Proxus PLC simulators") { S7SimulatorCommand.Create() };
return await root.Parse(args).InvokeAsync();
