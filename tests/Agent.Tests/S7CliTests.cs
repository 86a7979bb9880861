using System.Globalization;
using System.Text.Json;
using Proxus.Agent.Cli;
using Proxus.Agent.Tests.Support;
using Proxus.Simulators.S7;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests;

/// <summary>The CLI against our S7 simulator, in the test process on an OS-assigned loopback port.</summary>
public sealed class S7CliTests : IAsyncLifetime
{
    private S7SimulatorServer _simulator = null!;

    private string Url => string.Create(CultureInfo.InvariantCulture, $"s7://127.0.0.1:{_simulator.Port}?rack=0&slot=1");

    public Task InitializeAsync()
    {
        _simulator = new S7SimulatorServer(new S7SimulatorOptions { Port = 0, DataBlocks = new Dictionary<int, int> { [40] = 128 }, Timers = 16, Counters = 16 });
        _simulator.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData("DB40.DBX0.3", null, "true", "DB40.DBX0.3 = true")]
    [InlineData("M1.7", null, "1", "M1.7 = true")]
    [InlineData("DB40.DBB1", "byte", "200", "DB40.DBB1 = 200")]
    [InlineData("DB40.DBW2", "word", "65000", "DB40.DBW2 = 65000")]
    [InlineData("DB40.DBW4", "int", "-12345", "DB40.DBW4:INT = -12345")]
    [InlineData("DB40.DBD8", "dword", "4000000000", "DB40.DBD8 = 4000000000")]
    [InlineData("DB40.DBD12", "real", "21.5", "DB40.DBD12:REAL = 21.5")]
    [InlineData("DB40.DBD16:DINT", null, "-2000000000", "DB40.DBD16:DINT = -2000000000")]
    [InlineData("QW4", "int", "-7", "QW4:INT = -7")]
    [InlineData("DB40.STRING20.10", null, "Line 1", "DB40.STRING20.10 = Line 1")]
    [InlineData("DB40.DT40", "date_and_time", "2026-11-21T10:00:00.123", "DB40.DT40 = 2026-11-21T10:00:00.123")]
    [InlineData("T3", "timer", "4660", "T3 = 4660")]
    [InlineData("C4", "counter", "291", "C4 = 291")]
    public async Task Write_EveryType_ReadsBackTheValue(string address, string? type, string value, string expectedLine)
    {
        string[] typeArguments = type is null ? [] : ["--type", type];

        var written = await CliRun.InvokeAsync(["write", Url, address, value, .. typeArguments]);
        var read = await CliRun.InvokeAsync(["read", Url, address, .. typeArguments]);

        written.ExitCode.Should().Be(AgentCli.Success, written.Error);
        written.OutputLines.Should().Equal(expectedLine);
        read.ExitCode.Should().Be(AgentCli.Success, read.Error);
        read.OutputLines.Should().Equal(expectedLine);
    }

    [Fact]
    public async Task Read_SeveralAddressesWithCount_StepsByTheTypeWidth()
    {
        await CliRun.InvokeAsync("write", Url, "DB40.DBD60", "1.5", "--type", "real");
        await CliRun.InvokeAsync("write", Url, "DB40.DBD64", "-2.25", "--type", "real");
        await CliRun.InvokeAsync("write", Url, "DB40.DBX70.7", "true");

        var reals = await CliRun.InvokeAsync("read", Url, "DB40.DBD60", "--type", "real", "--count", "2");
        var bits = await CliRun.InvokeAsync("read", Url, "DB40.DBX70.6", "--count", "3");

        reals.OutputLines.Should().Equal("DB40.DBD60:REAL = 1.5", "DB40.DBD64:REAL = -2.25");
        bits.OutputLines.Should().Equal("DB40.DBX70.6 = false", "DB40.DBX70.7 = true", "DB40.DBX71.0 = false");
    }

    [Fact]
    public async Task Read_AddressPastTheEndOfTheBlock_PrintsTheRestAndExits1()
    {
        var run = await CliRun.InvokeAsync("read", Url, "DB40.DBW0", "DB40.DBD200", "--json");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        using var document = JsonDocument.Parse(run.Output);
        document.RootElement.GetArrayLength().Should().Be(2);
        document.RootElement[0].GetProperty("value").ValueKind.Should().Be(JsonValueKind.Number);
        document.RootElement[1].GetProperty("error").GetString().Should().Contain("out of range");
    }

    [Fact]
    public async Task Read_MissingDataBlock_PrintsTheItemErrorAndExits1()
    {
        var run = await CliRun.InvokeAsync("read", Url, "DB41.DBW0");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Output.Should().BeEmpty();
        run.Error.Should().StartWith("DB41.DBW0");
    }

    [Fact]
    public async Task Write_PastTheEndOfTheBlock_Exits1WithTheDriverMessage()
    {
        var run = await CliRun.InvokeAsync("write", Url, "DB40.DBD200", "1");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().StartWith("S7 ");
    }

    [Fact]
    public async Task Read_NothingListening_Exits1WithConnectionFailed()
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"s7://127.0.0.1:{LoopbackPort.GetFree()}");

        var run = await CliRun.InvokeAsync("read", url, "DB1.DBW0", "--timeout", "2");

        run.ExitCode.Should().Be(AgentCli.DeviceError);
        run.Error.Should().StartWith("S7 ConnectionFailed:");
    }

    [Theory]
    [InlineData("DB40.DBW0", "--type", "real")]
    [InlineData("DB40.DBD0", "--type", "float32")]
    [InlineData("DB40.DBD0", "--order", "CDAB")]
    [InlineData("DB40.STRING0.10", "--length", "4")]
    [InlineData("DB40.DBQ0")]
    [InlineData("DB0.DBW0")]
    [InlineData("DB40.DBX0.8")]
    public async Task Read_UsageError_Exits2(params string[] arguments)
    {
        var run = await CliRun.InvokeAsync(["read", Url, .. arguments]);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Output.Should().BeEmpty();
        run.Error.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("DB40.DBB0", "256")]
    [InlineData("DB40.DBD0:REAL", "warm")]
    [InlineData("DB40.STRING0.4", "too long")]
    [InlineData("DB40.DT0", "not a date")]
    public async Task Write_InvalidValue_Exits2(string address, string value)
    {
        var run = await CliRun.InvokeAsync("write", Url, address, value);

        run.ExitCode.Should().Be(AgentCli.UsageError);
        run.Error.Should().StartWith("S7 InvalidValue:");
    }
}
