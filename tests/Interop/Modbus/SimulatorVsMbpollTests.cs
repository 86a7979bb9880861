using System.Globalization;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.Modbus.Data;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Modbus;

/// <summary>mbpoll (libmodbus) against our simulator running as its own process, configured from a JSON file.</summary>
public sealed class SimulatorVsMbpollTests(SimulatorVsMbpollTests.SimulatorFixture fixture) : IClassFixture<SimulatorVsMbpollTests.SimulatorFixture>
{
    private SimulatorProcess Simulator => fixture.Simulator;

    [Theory]
    [InlineData("4:float", "-B", 1, 2, "12.5")]
    [InlineData("4:float", "", 11, 2, "-7.25")]
    [InlineData("4:int", "-B", 21, 2, "-123456")]
    [InlineData("4:int", "", 25, 2, "-1294967296")]
    [InlineData("4", "", 31, 1, "(-2)")]
    [InlineData("4:hex", "", 32, 1, "0xBEEF")]
    [InlineData("3", "", 6, 1, "4242")]
    [InlineData("0", "", 4, 1, "1")]
    [InlineData("1", "", 2, 1, "1")]
    public async Task Mbpoll_Reads_SeeConfiguredValues(string type, string bigEndian, int reference, int count, string expected)
    {
        var output = await MbpollAsync(type, bigEndian, reference, count);

        output.Should().Contain($"[{reference}]: \t").And.Contain(expected);
    }

    [Fact]
    public async Task Mbpoll_Writes_LandInTheSimulator()
    {
        await MbpollAsync("4", "", 101, null, "1234");
        await MbpollAsync("4", "", 102, null, "1", "2", "3");
        await MbpollAsync("4:float", "-B", 201, null, "2.5");
        await MbpollAsync("0", "", 51, null, "1");
        await MbpollAsync("0", "", 53, null, "1", "0", "1");

        await using var client = new ModbusClient(new ModbusClientOptions { Port = Simulator.Port });
        (await client.ReadHoldingRegistersAsync(100, 4)).Should().Equal(1234, 1, 2, 3);
        (await client.ReadAsync("HR200", ModbusDataType.Float32)).Should().Be(2.5f);
        (await client.ReadCoilsAsync(50, 5)).Should().Equal(true, false, true, false, true);
    }

    [Fact]
    public async Task Mbpoll_ConfiguredExceptionRange_ReportsIllegalDataAddress()
    {
        var run = await ExternalProcess.RunAsync("mbpoll", Arguments("4", "", 901, 1), TimeSpan.FromSeconds(30));

        (run.StandardOutput + run.StandardError).Should().Contain("Illegal data address");
    }

    [Fact]
    public async Task Counter_Signal_MovesOverTime()
    {
        await using var client = new ModbusClient(new ModbusClientOptions { Port = Simulator.Port });
        var first = (await client.ReadHoldingRegistersAsync(60, 1))[0];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        ushort current;
        do
        {
            await Task.Delay(100);
            current = (await client.ReadHoldingRegistersAsync(60, 1))[0];
        }
        while (current == first && DateTime.UtcNow < deadline);

        current.Should().NotBe(first);
    }

    /// <summary>Runs mbpoll once; with values it writes them (mbpoll then takes no count).</summary>
    private async Task<string> MbpollAsync(string type, string bigEndian, int reference, int? count, params string[] values)
    {
        var run = await ExternalProcess.RunAsync("mbpoll", [.. Arguments(type, bigEndian, reference, count), .. values], TimeSpan.FromSeconds(30));
        run.ExitCode.Should().Be(0, run.StandardOutput + run.StandardError + Simulator.Output);
        return run.StandardOutput;
    }

    private string[] Arguments(string type, string bigEndian, int reference, int? count)
    {
        List<string> arguments =
        [
            "-m", "tcp", "-p", Simulator.Port.ToString(CultureInfo.InvariantCulture), "-a", "1",
            "-r", reference.ToString(CultureInfo.InvariantCulture), "-t", type, "-1", "-o", "5",
        ];
        if (count is { } n)
        {
            arguments.AddRange(["-c", n.ToString(CultureInfo.InvariantCulture)]);
        }

        if (!string.IsNullOrEmpty(bigEndian))
        {
            arguments.Add(bigEndian);
        }

        arguments.Add("127.0.0.1");
        return [.. arguments];
    }

    /// <summary>One simulator process for the class; the tests use disjoint addresses.</summary>
    public sealed class SimulatorFixture : IAsyncLifetime
    {
        private const string Config = """
            {
              // comments and trailing commas are accepted
              "unitId": 1,
              "values": [
                { "address": "HR0", "type": "Float32", "value": 12.5 },
                { "address": "HR10", "type": "Float32", "byteOrder": "CDAB", "value": -7.25 },
                { "address": "HR20", "type": "Int32", "value": -123456 },
                { "address": "HR24", "type": "UInt32", "byteOrder": "CDAB", "value": 3000000000 },
                { "address": "HR30", "type": "Int16", "value": -2 },
                { "address": "HR31", "type": "UInt16", "value": 48879 },
                { "address": "IR5", "type": "UInt16", "value": 4242 },
                { "address": "CO3", "type": "Bool", "value": true },
                { "address": "DI1", "type": "Bool", "value": true },
              ],
              "signals": [ { "address": "HR60", "type": "UInt16", "kind": "Counter", "min": 0, "max": 60000, "step": 1 } ],
              "faults": { "exceptions": [ { "from": "HR900", "to": "HR999", "code": "IllegalDataAddress" } ] },
            }
            """;

        private readonly string _configPath = Path.Combine(Path.GetTempPath(), $"proxus-modbus-{Guid.NewGuid():N}.json");

        public SimulatorProcess Simulator { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await File.WriteAllTextAsync(_configPath, Config);
            Simulator = await SimulatorProcess.StartAsync("modbus", "--config", _configPath);
        }

        public async Task DisposeAsync()
        {
            await Simulator.DisposeAsync();
            File.Delete(_configPath);
        }
    }
}
