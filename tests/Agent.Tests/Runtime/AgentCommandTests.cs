using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Core.Uns;
using Proxus.Drivers.Modbus.Data;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Simulators.Modbus;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Runtime;

/// <summary>
/// Control writes through <c>proxus-agent run</c> as a process: a test "server" signs commands with
/// its command key and publishes them on the agent's command topic of mosquitto (mutual TLS); the
/// agent checks, writes to our Modbus simulator, reads back and publishes the result.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AgentCommandTests : IAsyncLifetime
{
    private const string Setpoint = "Acme/SiteA/Press/Line1/Press_Machine/Setpoint_pct";
    private const string Register = "HR5";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private readonly TestCertificates _pki = TestCertificates.Create();
    private readonly ECDsa _commandKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private MosquittoTls _broker = null!;
    private ModbusSimulatorServer _plc = null!;
    private TestAgent _agent = null!;
    private MqttClient _server = null!;
    private AgentProcess? _process;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoTls.StartAsync(_pki.Server, _pki.Ca);
        _plc = new ModbusSimulatorServer(new ModbusSimulatorOptions { Port = 0 }, NullLogger.Instance);
        _plc.Start();
        _agent = TestAgent.Create(_pki, _broker.Url);
        _server = new MqttClient(new MqttClientOptions
        {
            Server = _broker.Url,
            ClientId = "server-" + Guid.NewGuid().ToString("N"),
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = [_pki.Ca], ClientCertificate = _pki.IssueClient("server") },
        });
        await _server.ConnectAsync().WaitAsync(Timeout);
        await _server.SubscribeAsync($"proxus/agents/{_agent.AgentIdText}/results", MqttQualityOfService.AtLeastOnce).WaitAsync(Timeout);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        await _server.DisposeAsync();
        _agent.Dispose();
        await _plc.DisposeAsync();
        await _broker.DisposeAsync();
        _commandKey.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task Run_SignedCommand_IsWrittenReadBackAndReportedOnceAndForgeriesAreRefused()
    {
        await StartAgentAsync(Configuration(diodeMode: false, _plc.LocalEndpoint.Port));

        var command = Sign(Command("42.5"));
        var result = await SendAsync(command);

        result.Outcome.Should().Be(WriteOutcome.Succeeded, result.Error);
        result.ReadBack.Should().Be("42.5");
        result.Duplicate.Should().BeFalse();
        ReadRegister().Should().Be(425, "42.5 % is 425 raw on a 0..1000 -> 0..100 scale");

        _plc.Store.WriteRegisters(ModbusArea.HoldingRegister, 5, [7]);
        var replay = await SendAsync(command);
        replay.Outcome.Should().Be(WriteOutcome.Succeeded);
        replay.Duplicate.Should().BeTrue("a nonce seen before is answered with its first result");
        ReadRegister().Should().Be(7, "a replayed command is never written again");

        var outOfLimits = await SendAsync(Sign(Command("95")));
        outOfLimits.Outcome.Should().Be(WriteOutcome.Refused);
        outOfLimits.Refusal.Should().Be(CommandRefusal.OutOfLimits);

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = await SendAsync(new CommandSigner(otherKey).Sign(Command("50")));
        forged.Outcome.Should().Be(WriteOutcome.Refused);
        forged.Refusal.Should().Be(CommandRefusal.UnknownKey);
        ReadRegister().Should().Be(7, "no refused command touches the device");
    }

    [Fact]
    public async Task Run_DiodeMode_RefusesAValidlySignedCommand()
    {
        await StartAgentAsync(Configuration(diodeMode: true, _plc.LocalEndpoint.Port));

        var result = await SendAsync(Sign(Command("42.5")));

        result.Outcome.Should().Be(WriteOutcome.Refused);
        result.Refusal.Should().Be(CommandRefusal.DiodeMode);
        ReadRegister().Should().Be(0);
    }

    [Fact]
    public async Task Run_DeviceUnreachable_CommandFailsWithTheDeviceErrorBeforeItExpires()
    {
        var closedPort = LoopbackPort.GetFree();
        await StartAgentAsync(Configuration(diodeMode: false, closedPort));
        var command = Command("42.5");

        var result = await SendAsync(Sign(command));

        result.Outcome.Should().Be(WriteOutcome.Failed);
        result.Refusal.Should().Be(CommandRefusal.None);
        result.Error.Should().NotBeNullOrWhiteSpace();
        result.CompletedAt.Should().BeBefore(command.ExpiresAt, "an unreachable device fails the command within the device timeout");
    }

    [Fact]
    public async Task Run_CommandPublishedWhileTheAgentIsStopped_IsExecutedAfterItsRestart()
    {
        await StartAgentAsync(Configuration(diodeMode: false, _plc.LocalEndpoint.Port));
        await _process!.DisposeAsync();
        _process = null;

        var command = Sign(Command("12"));
        await _server.PublishAsync(CommandTopic, command, MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(Timeout);
        _process = AgentProcess.Start(_agent.Paths.Root, "--config-poll-interval", "3600");

        var result = await WaitForResultAsync();
        result.Outcome.Should().Be(WriteOutcome.Succeeded, result.Error);
        ReadRegister().Should().Be(120, "the broker kept the command for the agent's persistent session");
    }

    private string CommandTopic => $"proxus/agents/{_agent.AgentIdText}/command";

    private async Task StartAgentAsync(AgentConfiguration configuration)
    {
        _agent.Store(_agent.Sign(configuration, 1));
        _process = AgentProcess.Start(_agent.Paths.Root, "--config-poll-interval", "3600");
        await _process.WaitForLogAsync($"Subscribed to {CommandTopic}", Timeout);
    }

    private AgentConfiguration Configuration(bool diodeMode, int plcPort)
    {
        var tag = TestTags.Tag(Setpoint, "plc", Register, DataType.UInt16) with
        {
            Scaling = new LinearScaling(0, 1000, 0, 100),
            Unit = "%",
            Writable = true,
            WriteMin = 0,
            WriteMax = 80,
        };
        return _agent.Configuration([TestTags.Modbus("plc", plcPort, _agent.AgentIdText)], [tag]) with
        {
            CommandKey = CommandKey.Encode(_commandKey),
            DiodeMode = diodeMode,
        };
    }

    private WriteCommand Command(string value)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        return new WriteCommand(Guid.NewGuid(), _agent.AgentIdText, UnsPath.Parse(Setpoint), DataType.Float64, value, CommandSigner.NewNonce(), now, now.AddMinutes(1));
    }

    private byte[] Sign(WriteCommand command) => new CommandSigner(_commandKey).Sign(command);

    private async Task<WriteResult> SendAsync(byte[] command)
    {
        await _server.PublishAsync(CommandTopic, command, MqttQualityOfService.AtLeastOnce).AsTask().WaitAsync(Timeout);
        return await WaitForResultAsync();
    }

    private async Task<WriteResult> WaitForResultAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var message = await _server.Messages.ReadAsync(timeout.Token);
            WriteResultJson.TryParse(message.Payload.Span, out var result, out var error).Should().BeTrue(error);
            return result!;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No write result. Agent output: " + _process?.Log);
        }
    }

    private ushort ReadRegister()
    {
        Span<ushort> value = stackalloc ushort[1];
        _plc.Store.ReadRegisters(ModbusArea.HoldingRegister, 5, value);
        return value[0];
    }
}
