using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Simulators.Modbus;

namespace Proxus.Interop.Tests.Modbus.Support;

/// <summary>Our Modbus simulator in the test process on an OS-assigned loopback port.</summary>
internal static class InProcessSimulator
{
    public static ModbusSimulatorServer Start(bool rtu, ModbusSimulatorOptions? options = null)
    {
        var server = new ModbusSimulatorServer((options ?? new ModbusSimulatorOptions()) with { Port = 0, Rtu = rtu }, NullLogger.Instance);
        server.Start();
        return server;
    }
}
