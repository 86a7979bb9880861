using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Cli;
using Proxus.Agent.Tests.Support;
using Proxus.Drivers.Modbus;
using Proxus.Simulators.Modbus;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests;

/// <summary>The CLI against our Modbus simulator, in the test process on an OS-assigned loopback port.</summary>
public sealed class ModbusCliTests : IAsyncLifetime
{
    private ModbusSimulatorServer _tcp = null!;
    private ModbusSimulatorServer _rtu = null!;

    private string TcpUrl => string.Create(CultureInfo.InvariantCulture, $"modbus-tcp://127.0.0.1:{_tcp.LocalEndpoint.Port}?unit=1");

    private string RtuUrl => string.Create(CultureInfo.InvariantCulture, $"modbus-rtu-tcp://127.0.0.1:{_rtu.LocalEndpoint.Port}?unit=1");

    public Task InitializeAsync()
    {
        var options = new ModbusSimulatorOptions
        {
            Port = 0,
            Faults = new ModbusFaultOptions { Exceptions = [new ModbusExceptionRange("HR900", "HR999", ModbusExceptionCode.IllegalDataAddress)] },
        };
        _tcp = new ModbusSimulatorServer(options, NullLogger.Instance);
        _tcp.Start();
        _rtu = new ModbusSimulatorServer(options with { Rtu = true }, NullLogger.Instance);
        _rtu.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _tcp.DisposeAsync();
        await _rtu.DisposeAsync();
    }

    [Theory]
    [InlineData("CO5", "bool", "ABCD", "true", "true")]
    [InlineData("00007", "bool", "ABCD", "1", "true")]
    [InlineData("CO8", "bool", "ABCD", "0", "false")]
    [InlineData("HR10", "int16", "ABCD", "-1234", "-1234")]
    [InlineData("HR11", "uint16", "BADC", "65535", "65535")]
    [InlineData("HR20", "int32", "CDAB", "-70000", "-70000")]
    [InlineData("HR22", "uint32", "DCBA", "4000000000", "4000000000")]
    [InlineData("HR30", "int64", "BADC", "-9000000000000", "-9000000000000")]
    [InlineData("HR34", "uint64", "CDAB", "18000000000000000000", "18000000000000000000")]
    [InlineData("HR40", "float32", "CDAB", "123.456", "123.456")]
    [InlineData("40043", "float32", "ABCD", "-0.5", "-0.5")]
    [InlineData("HR50", "float64", "DCBA", "3.14159265358979", "3.14159265358979")]
    public async Task Write_EveryTypeOverTcp_ReadsBackTheValue(string address, string type, string order, string value, string expected)
    {
        var written = await CliRun.InvokeAsync("write", TcpUrl, address, value, "--type", type, "--order", order);
        var read = await CliRun.InvokeAsync("read", TcpUrl, address, "--type", type, "--order", order);

        written.ExitCode.Should().Be(AgentCli.Success, written.Error);
        read.ExitCode.Should().Be(AgentCli.Success, read.Error);
        read.OutputLines.Should().ContainSingle().Which.Should().EndWith($" = {expected}");
        written.Output.Should().Be(read.Output);
    }

    [Fact]
    public async Task Write_StringOverRtuGateway_ReadsBackTheText()
    {
        var written = await CliRun.InvokeAsync("write", RtuUrl, "HR60", "PUMP-01", "--type", "string", "--length", "4");
        var read = await CliRun.InvokeAsync("read", RtuUrl, "HR60", "--type", "string", "--length", "4");

        written.ExitCode.Should().Be(AgentCli.Success, written.Error);
        read.OutputLines.Should().Equal("HR60 = PUMP-01");
    }

    [Fact]
    public async Task Read_Float32InCdabOrder_MatchesTheRegistersOnTheWire()
    {
        await CliRun.InvokeAsync("write", TcpUrl, "HR100", "123.456", "--type", "float32", "--order", "CDAB");

        var raw = await CliRun.InvokeAsync("read", TcpUrl, "HR100", "--count", "2");

        raw.OutputLines.Should().Equal("HR100 = 59769", "HR101 = 17142");
    }

    [Fact]
    public async Task Read_CountOfFloatsAndRegisterBits_StepsByTheTypeWidth()
    {
        await CliRun.InvokeAsync("write", TcpUrl, "HR200", "1.5", "--type", "float32");
        await CliRun.InvokeAsync("write", TcpUrl, "HR202", "2.5", "--type", "float32");
        await CliRun.InvokeAsync("write", TcpUrl, "HR211", "32769");

        var floats = await CliRun.InvokeAsync("read", TcpUrl, "HR200", "HR210.15", "--count", "2", "--type", "float32");
        var bits = await CliRun.InvokeAsync("read", TcpUrl, "HR210.15", "--count", "2");

        floats.ExitCode.Should().Be(AgentCli.UsageError, "a register bit is not a float32");
        bits.OutputLines.Should().Equal("HR210.15 = false", "HR211.0 = true");
        (await CliRun.InvokeAsync("read", TcpUrl, "HR200", "--count", "2", "--type", "float32")).OutputLines
            .Should().Equal("HR200 = 1.5", "HR202 = 2.5");
    }

    [Fact]
    public async Task Read_Json_PrintsAnArrayOfAddressesAndTypedValues()
    {
        await CliRun.InvokeAsync("write", TcpUrl, "HR300", "21.25", "--type", "float32");
        await CliRun.InvokeAsync("write", TcpUrl, "CO300", "true");

        var run = await CliRun.InvokeAsync("read", TcpUrl, "HR300", "--type", "float32", "--json");
        var coil = await CliRun.InvokeAsync("read", TcpUrl, "CO300", "--json");

        using var document = JsonDocument.Parse(run.Output);
        document.RootElement[0].GetProperty("address").GetString().Should().Be("HR300");
        document.RootElement[0].GetProperty("value").GetDouble().Should().Be(21.25);
        coil.Output.Trim().Should().Be("""[{"address":"CO300","value":true}]""");
    }

    [Fact]
    public async Task Read_DeviceExceptionOnOneAddress_PrintsOthersAndExits1()
    {
        var run = await CliRun.InvokeAsync("read", TcpUrl, "HR0", "HR950");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.OutputLines.Should().Equal("HR0 = 0");
        run.Error.Should().Contain("HR950").And.Contain("IllegalDataAddress");
    }

    [Fact]
    public async Task Read_Json_ReportsTheErrorPerAddress()
    {
        var run = await CliRun.InvokeAsync("read", TcpUrl, "HR950", "--json");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        using var document = JsonDocument.Parse(run.Output);
        document.RootElement[0].GetProperty("error").GetString().Should().Contain("IllegalDataAddress");
    }

    [Fact]
    public async Task Write_DeviceException_Exits1WithTheDriverMessage()
    {
        var run = await CliRun.InvokeAsync("write", TcpUrl, "HR950", "1");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().StartWith("Modbus DeviceException:");
    }

    [Fact]
    public async Task Read_NothingListening_Exits1()
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"modbus-tcp://127.0.0.1:{LoopbackPort.GetFree()}");

        var run = await CliRun.InvokeAsync("read", url, "HR0", "--timeout", "2");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Output.Should().BeEmpty();
        run.Error.Should().Contain("HR0");
    }

    [Theory]
    [InlineData("HR0", "--type", "float")]
    [InlineData("HR0", "--type", "3")]
    [InlineData("HR0", "--order", "ACBD")]
    [InlineData("HR0", "--type", "string")]
    [InlineData("HR0", "--length", "2")]
    [InlineData("XY0")]
    [InlineData("CO0", "--type", "int16")]
    [InlineData("HR65535", "--type", "float32")]
    [InlineData("HR65534", "--count", "3")]
    [InlineData("HR0", "--count", "0")]
    [InlineData("HR0", "--count", "1001")]
    [InlineData("HR0", "--timeout", "0")]
    public async Task Read_UsageError_Exits2WithoutOutput(params string[] arguments)
    {
        var run = await CliRun.InvokeAsync(["read", TcpUrl, .. arguments]);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Output.Should().BeEmpty();
        run.Error.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("HR0", "70000", "--type", "int16")]
    [InlineData("HR0", "abc", "--type", "float32")]
    [InlineData("HR0", "TOO LONG", "--type", "string", "--length", "1")]
    [InlineData("IR0", "1")]
    [InlineData("DI0", "true")]
    [InlineData("HR0.3", "true")]
    [InlineData("CO0", "maybe")]
    public async Task Write_InvalidValueOrReadOnlyAddress_Exits2(params string[] arguments)
    {
        var run = await CliRun.InvokeAsync(["write", TcpUrl, .. arguments]);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().StartWith("Modbus ");
    }
}
