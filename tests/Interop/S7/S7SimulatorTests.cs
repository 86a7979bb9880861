using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Proxus.Drivers.S7;
using Proxus.Simulators.S7;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.S7;

/// <summary>The simulator as a process (moving values) and its fault injection, observed through our client.</summary>
public sealed partial class S7SimulatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SimulatorProcess_PortZeroAndSignals_PrintsPortAndValuesMove()
    {
        var simulator = SimulatorBuild.DllPath;
        await using var process = ExternalProcess.Start("dotnet", [simulator, "s7", "--port", "0", "--db", "1:64", "--signal", "DB1.DBD0:REAL=sine(0,100,2)", "--signal", "MW0=counter(1,0.05)"]);
        await process.WaitForOutputAsync("S7 simulator listening on", Timeout);
        var port = int.Parse(ListeningPort().Match(process.StandardOutput).Groups[1].Value, CultureInfo.InvariantCulture);
        await using var client = new S7Client(new S7ClientOptions { Host = "127.0.0.1", Port = port, Slot = 1 });

        var first = (ushort)await client.ReadAsync("MW0");
        var deadline = DateTime.UtcNow + Timeout;
        ushort later;
        do
        {
            await Task.Delay(100);
            later = (ushort)await client.ReadAsync("MW0");
        }
        while (later == first && DateTime.UtcNow < deadline);

        later.Should().BeGreaterThan(first);
        ((float)await client.ReadAsync("DB1.DBD0:REAL")).Should().BeInRange(0f, 100f);
    }

    [Fact]
    public async Task ReadAsync_ItemErrorFault_ThrowsHardwareFault()
    {
        await using var simulator = Start(new S7FaultOptions { ItemErrorRate = 1 });
        await using var client = Client(simulator);

        var act = () => client.ReadAsync("DB1.DBW0");

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.HardwareFault);
    }

    [Fact]
    public async Task ReadAsync_DropFault_ThrowsConnectionClosed()
    {
        await using var simulator = Start(new S7FaultOptions { DropRate = 1 });
        await using var client = Client(simulator);

        var act = () => client.ReadAsync("DB1.DBW0");

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.ConnectionClosed);
    }

    [Fact]
    public async Task ReadAsync_GarbageFault_ThrowsConnectionBreakingError()
    {
        await using var simulator = Start(new S7FaultOptions { GarbageRate = 1, Seed = 7 });
        await using var client = Client(simulator);

        var act = () => client.ReadAsync("DB1.DBW0");

        (await act.Should().ThrowAsync<S7Exception>()).Which.BreaksConnection.Should().BeTrue();
    }

    [Fact]
    public async Task ReadAsync_DelayFaultLongerThanTimeout_ThrowsTimeout()
    {
        await using var simulator = Start(new S7FaultOptions { Delay = TimeSpan.FromSeconds(5) });
        await using var client = new S7Client(new S7ClientOptions { Host = "127.0.0.1", Port = simulator.Port, Slot = 1, RetryCount = 0, ConnectTimeout = TimeSpan.FromSeconds(10), RequestTimeout = TimeSpan.FromMilliseconds(300) });
        await client.ConnectAsync();

        var act = () => client.ReadAsync("DB1.DBW0");

        (await act.Should().ThrowAsync<S7Exception>()).Which.Reason.Should().Be(S7ErrorReason.Timeout);
    }

    [Fact]
    public async Task ReadManyAsync_MissingDbAndOutOfRange_ReturnsTypedItemErrors()
    {
        await using var simulator = Start(new S7FaultOptions());
        await using var client = Client(simulator);

        var results = await client.ReadManyAsync([S7Address.Parse("DB9.DBW0"), S7Address.Parse("DB1.DBD62"), S7Address.Parse("T99"), S7Address.Parse("DB1.DBW0")]);

        results.Select(r => r.Error?.Reason).Should().Equal(S7ErrorReason.ObjectDoesNotExist, S7ErrorReason.AddressOutOfRange, S7ErrorReason.AddressOutOfRange, null);
    }

    [Fact]
    public async Task Simulator_ClientSendsGarbage_ClosesThatConnectionAndKeepsServing()
    {
        await using var simulator = Start(new S7FaultOptions());
        using (var raw = new TcpClient())
        {
            using var cts = new CancellationTokenSource(Timeout);
            await raw.ConnectAsync(IPAddress.Loopback, simulator.Port, cts.Token);
            var stream = raw.GetStream();
            await stream.WriteAsync(new byte[] { 0x03, 0x00, 0xFF, 0xFF, 0x11, 0x22 }, cts.Token);

            (await stream.ReadAsync(new byte[16], cts.Token)).Should().Be(0);
        }

        await using var client = Client(simulator);
        (await client.ReadAsync("DB1.DBW0")).Should().Be((ushort)0);
    }

    private static S7SimulatorServer Start(S7FaultOptions faults)
    {
        var simulator = new S7SimulatorServer(new S7SimulatorOptions { Port = 0, DataBlocks = new Dictionary<int, int> { [1] = 64 }, Timers = 16, Faults = faults });
        simulator.Start();
        return simulator;
    }

    private static S7Client Client(S7SimulatorServer simulator) =>
        new(new S7ClientOptions { Host = "127.0.0.1", Port = simulator.Port, Slot = 1, RetryCount = 0 });

    [GeneratedRegex(@"listening on [0-9.]+:(\d+)")]
    private static partial Regex ListeningPort();
}
