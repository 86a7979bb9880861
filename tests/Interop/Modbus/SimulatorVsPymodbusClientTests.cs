using System.Text.Json;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.Interop.Tests.Modbus.Support;
using Proxus.Simulators.Modbus;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Modbus;

/// <summary>pymodbus 3.0's client against our simulator: every function code, type and byte order, TCP and RTU over TCP.</summary>
public sealed class SimulatorVsPymodbusClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PymodbusClient_EveryFunctionCodeTypeAndOrder_SeesWhatTheSimulatorHolds(bool rtu)
    {
        var options = new ModbusSimulatorOptions
        {
            VendorName = "Proxus",
            ProductCode = "SIM",
            Revision = "9.9",
            Faults = new ModbusFaultOptions { Exceptions = [new ModbusExceptionRange("HR3000", "HR3010")] },
        };
        await using var server = InProcessSimulator.Start(rtu, options);
        foreach (var (tag, value) in ModbusPeerLayout.Tags(100))
        {
            server.Store.Write(tag, value);
        }

        server.Store.WriteBits(ModbusArea.DiscreteInput, 0, [true, false, false, true, false, false, false, true]);
        server.Store.WriteRegisters(ModbusArea.InputRegister, 0, [10, 20, 30, 40]);

        await using var peer = await ExternalProcess.RunAsync(RepositoryPaths.SystemPython,
            [Path.Combine(PymodbusServer.PeersDirectory, "modbus_client.py"), "--port", server.LocalEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--framer", rtu ? "rtu" : "socket"],
            TimeSpan.FromSeconds(60), PymodbusServer.PeersDirectory);

        peer.ExitCode.Should().Be(0, peer.StandardError);
        using var json = JsonDocument.Parse(peer.StandardOutput);
        var root = json.RootElement;
        foreach (var order in Enum.GetNames<ModbusByteOrder>())
        {
            var decoded = root.GetProperty("decoded").GetProperty(order);
            foreach (var (name, _, _, value) in ModbusPeerLayout.Values)
            {
                decoded.GetProperty(name).GetRawText().Should().Be(JsonSerializer.Serialize(value), $"{order}.{name}");
            }
        }

        root.GetProperty("decoded").GetProperty("ABCD").GetProperty("string").GetString().Should().Be(ModbusPeerLayout.Text);
        foreach (var (tag, value) in ModbusPeerLayout.Tags(1000))
        {
            var registers = new ushort[tag.Length];
            server.Store.ReadRegisters(ModbusArea.HoldingRegister, tag.Address.Offset, registers);
            ModbusValueCodec.Decode(tag, registers).Should().Be(value, tag.Name);
        }

        Bools(root.GetProperty("coils")).Should().Equal(Enumerable.Range(0, 24).Select(i => i is 5 or 20 or 22));
        Bools(root.GetProperty("discrete")).Should().Equal(true, false, false, true, false, false, false, true);
        root.GetProperty("input").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(10, 20, 30, 40);
        root.GetProperty("readwrite").EnumerateArray().Select(e => e.GetInt32()).Should().Equal(77, 88);
        root.GetProperty("identity").GetProperty("0").GetString().Should().Be("Proxus");
        root.GetProperty("identity").GetProperty("1").GetString().Should().Be("SIM");
        root.GetProperty("identity").GetProperty("2").GetString().Should().Be("9.9");
        root.GetProperty("exception").GetInt32().Should().Be((int)ModbusExceptionCode.IllegalDataAddress);
    }

    private static IEnumerable<bool> Bools(JsonElement array) => array.EnumerateArray().Select(e => e.GetBoolean());
}
