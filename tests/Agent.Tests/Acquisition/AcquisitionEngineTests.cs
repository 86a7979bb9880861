using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Acquisition;
using Proxus.Agent.Storage;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Drivers.Modbus.Data;
using Proxus.Drivers.S7;
using Proxus.Simulators.Modbus;
using Proxus.Simulators.S7;

namespace Proxus.Agent.Tests.Acquisition;

/// <summary>Acquisition against our Modbus and S7 simulators in the test process, on OS-assigned loopback ports.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AcquisitionEngineTests : IAsyncLifetime
{
    private const string Agent = "6f1c2a4e-0b7d-4c55-9d61-1e0f3a2b4c5d";
    private const string Temperature = "Acme/SiteA/Press/Line1/Press_Machine/Temperature_F";
    private const string Level = "Acme/SiteA/Press/Line1/Press_Machine/Level_pct";
    private const string Speed = "Acme/SiteA/Press/Line1/Press_Machine/Speed";

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-acq-").FullName;
    private readonly RecordingPublisher _publisher = new();
    private ModbusSimulatorServer _modbus = null!;
    private S7SimulatorServer _s7 = null!;
    private AcquisitionEngine _engine = null!;
    private bool _modbusStopped;

    public Task InitializeAsync()
    {
        _modbus = new ModbusSimulatorServer(new ModbusSimulatorOptions { Port = 0 }, NullLogger.Instance);
        _modbus.Start();
        _s7 = new S7SimulatorServer(new S7SimulatorOptions { Port = 0, DataBlocks = new Dictionary<int, int> { [40] = 64 } });
        _s7.Start();
        _modbus.Store.Write(ModbusTag.Create("HR0", ModbusDataType.UInt16), (ushort)500);
        _s7.Memory.WriteValue(S7Address.Parse("DB40.DBD12", S7DataType.Real), 21.5f);
        _s7.Memory.WriteValue(S7Address.Parse("DB40.DBW4", S7DataType.Int), (short)7);
        var paths = new AgentPaths(_directory);
        var devices = new DeviceConnectionFactory(new AgentSecrets(paths), paths.OpcUaPkiDirectory, TimeSpan.FromSeconds(2), TimeProvider.System);
        _engine = new AcquisitionEngine(devices, new SequenceAllocator(paths.SequencePath), _publisher, NullLogger<AcquisitionEngine>.Instance, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        if (!_modbusStopped)
        {
            await _modbus.DisposeAsync();
        }

        await _s7.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Apply_ModbusAndS7Tags_PublishesScaledConvertedValuesOnTheirPaths()
    {
        await _engine.ApplyAsync(Configuration(scaleTo: 100), CancellationToken.None);

        var level = await _publisher.WaitForAsync(Level, _ => true);
        var temperature = await _publisher.WaitForAsync(Temperature, _ => true);

        level.Payload.GetProperty("value").GetDouble().Should().Be(50);
        level.Payload.GetProperty("unit").GetString().Should().Be("%");
        level.Payload.GetProperty("quality").GetString().Should().Be("good");
        level.Payload.GetProperty("source").GetString().Should().Be("HR0");
        temperature.Payload.GetProperty("value").GetDouble().Should().BeApproximately(70.7, 1e-9);
        temperature.Payload.GetProperty("unit").GetString().Should().Be("degF");
        temperature.Payload.GetProperty("source").GetString().Should().Be("DB40.DBD12");
        temperature.Payload.GetProperty("timestamp").GetString().Should().EndWith("Z");
    }

    [Fact]
    public async Task Apply_ReportByException_PublishesAnUnchangedValueOnceAndAChangeAtOnce()
    {
        await _engine.ApplyAsync(Configuration(scaleTo: 100), CancellationToken.None);
        await _publisher.WaitForAsync(Level, _ => true);
        await Task.Delay(600);
        _publisher.On(Level).Should().ContainSingle("the value did not change");

        _modbus.Store.Write(ModbusTag.Create("HR0", ModbusDataType.UInt16), (ushort)800);

        await _publisher.WaitForAsync(Level, payload => payload.GetProperty("value").GetDouble() == 80);
        var sequences = _publisher.Messages.Select(message => message.Payload.GetProperty("seq").GetInt64()).ToList();
        sequences.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Apply_ChangedScale_AppliesItWhileTheOtherConnectionKeepsPolling()
    {
        await _engine.ApplyAsync(Configuration(scaleTo: 100), CancellationToken.None);
        await _publisher.WaitForAsync(Level, _ => true);
        await _publisher.WaitForAsync(Speed, _ => true);
        var before = DateTimeOffset.UtcNow;

        var (started, kept, stopped) = await _engine.ApplyAsync(Configuration(scaleTo: 200), CancellationToken.None);

        started.Should().Be(1);
        kept.Should().Be(1, "the S7 connection did not change");
        stopped.Should().Be(1);
        await _publisher.WaitForAsync(Level, payload => payload.GetProperty("value").GetDouble() == 100);
        await Task.Delay(500);
        var speed = _publisher.On(Speed).Select(message => message.ReceivedAt).Where(at => at > before.AddSeconds(-1)).ToList();
        speed.Zip(speed.Skip(1), (a, b) => b - a).Should().OnlyContain(gap => gap < TimeSpan.FromSeconds(1), "the unaffected connection polls every 100 ms without a pause");
    }

    [Fact]
    public async Task Apply_RemovedConnection_StopsItsPolling()
    {
        await _engine.ApplyAsync(Configuration(scaleTo: 100), CancellationToken.None);
        await _publisher.WaitForAsync(Speed, _ => true);
        var withoutS7 = Configuration(scaleTo: 100);
        withoutS7 = withoutS7 with { Connections = [withoutS7.Connections[0]], Tags = [.. withoutS7.Tags.Where(tag => tag.Connection == "plc-modbus")] };

        var (_, kept, stopped) = await _engine.ApplyAsync(withoutS7, CancellationToken.None);
        var count = _publisher.On(Speed).Count;
        await Task.Delay(500);

        kept.Should().Be(1);
        stopped.Should().Be(1);
        _publisher.On(Speed).Count.Should().Be(count);
        _engine.SampleHealth().Select(health => health.Id).Should().Equal("plc-modbus");
    }

    [Fact]
    public async Task Poll_DeviceGone_PublishesBadQualityWithTheReasonOnce()
    {
        await _engine.ApplyAsync(Configuration(scaleTo: 100), CancellationToken.None);
        await _publisher.WaitForAsync(Level, _ => true);

        _modbusStopped = true;
        await _modbus.DisposeAsync();

        var bad = await _publisher.WaitForAsync(Level, payload => payload.GetProperty("quality").GetString() == "bad");
        bad.Payload.GetProperty("value").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        bad.Payload.GetProperty("reason").GetString().Should().NotBeNullOrEmpty();
        await Task.Delay(1000);
        _publisher.On(Level).Count(message => message.Payload.GetProperty("quality").GetString() == "bad").Should().Be(1);
        _engine.SampleHealth().Single(health => health.Id == "plc-modbus").State.Should().Be(Core.Status.ConnectionState.Faulted);
    }

    private AgentConfiguration Configuration(double scaleTo) => new(
        Agent,
        TestAgent.Site,
        [TestTags.Modbus("plc-modbus", _modbus.LocalEndpoint.Port, Agent), TestTags.S7("plc-s7", _s7.Port, Agent)],
        [
            TestTags.Tag(Level, "plc-modbus", "HR0", DataType.UInt16) with { Scaling = new LinearScaling(0, 1000, 0, scaleTo), Unit = "%" },
            TestTags.Tag(Temperature, "plc-s7", "DB40.DBD12", DataType.Float32) with { SourceUnit = "degC", Unit = "degF" },
            TestTags.Tag(Speed, "plc-s7", "DB40.DBW4", DataType.Int16) with { ReportByException = false },
        ]);
}
