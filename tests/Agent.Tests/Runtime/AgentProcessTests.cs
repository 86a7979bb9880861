using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Agent.Tests.Support;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Drivers.Modbus.Data;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Simulators.Modbus;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Runtime;

/// <summary>
/// <c>proxus-agent run</c> as a process: mosquitto over mutual TLS as the broker, a loopback
/// HTTPS configuration API, our Modbus simulator as the PLC.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AgentProcessTests : IAsyncLifetime
{
    private const string Level = "Acme/SiteA/Press/Line1/Press_Machine/Level_pct";
    private const string Counter = "Acme/SiteA/Press/Line1/Press_Machine/Counter";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private readonly TestCertificates _pki = TestCertificates.Create();
    private MosquittoTls _broker = null!;
    private FakeConfigServer _server = null!;
    private ModbusSimulatorServer _plc = null!;
    private TestAgent _agent = null!;
    private AgentProcess? _current;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoTls.StartAsync(_pki.Server, _pki.Ca);
        _server = new FakeConfigServer(_pki.Server);
        _plc = new ModbusSimulatorServer(new ModbusSimulatorOptions { Port = 0 }, NullLogger.Instance);
        _plc.Start();
        _plc.Store.Write(ModbusTag.Create("HR0", ModbusDataType.UInt16), (ushort)500);
        _plc.Store.Write(ModbusTag.Create("HR1", ModbusDataType.UInt16), (ushort)7);
        _agent = TestAgent.Create(_pki, _broker.Url, _server.Url);
    }

    public async Task DisposeAsync()
    {
        _agent.Dispose();
        await _plc.DisposeAsync();
        await _server.DisposeAsync();
        await _broker.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task Run_FetchesItsConfigurationAndPublishesScaledValuesWhileListeningOnNothing()
    {
        _server.Serve(_agent.Sign(Configuration(scaleTo: 100, withCounter: false), 1), 1);
        await using var subscriber = await SubscribeAsync("Acme/#");
        await using var agent = _current = AgentProcess.Start(_agent.Paths.Root);

        var level = await WaitForAsync(subscriber, Level, _ => true);

        level.GetProperty("value").GetDouble().Should().Be(50);
        level.GetProperty("unit").GetString().Should().Be("%");
        level.GetProperty("quality").GetString().Should().Be("good");
        level.GetProperty("source").GetString().Should().Be("HR0");
        await WaitUntilAsync(() => Reports().Any(report => report.Status == "applied" && report.Version == 1));
        File.ReadAllText(_agent.Paths.StatusPath).Should().Contain("\"configVersion\": 1", "the status file is rewritten as soon as a configuration is applied, before the server hears of it");
        _server.ClientSubjects.Should().OnlyContain(subject => subject.Contains(_agent.AgentIdText, StringComparison.Ordinal));

        ProcessSockets.Established(agent.ProcessId).Should().BeGreaterThan(0, "the inspection must see the agent's own connections");
        ProcessSockets.Listening(agent.ProcessId).Should().BeEmpty("the agent opens no listening TCP socket and binds no UDP socket");

        await WaitUntilAsync(() => File.Exists(_agent.Paths.StatusPath));
        await WaitUntilAsync(() => File.ReadAllText(_agent.Paths.StatusPath).Contains("\"uplinkConnected\": true", StringComparison.Ordinal));
        var status = await AgentProcess.CommandAsync("status", "--data-dir", _agent.Paths.Root);
        status.ExitCode.Should().Be(0, status.Error);
        status.Output.Should().Contain("uplink         connected").And.Contain("version 1").And.Contain($"running (pid {agent.ProcessId})");
    }

    [Fact]
    public async Task Run_AnnouncedConfiguration_IsAppliedLiveAndATamperedOneIsRejected()
    {
        _agent.Store(_agent.Sign(Configuration(scaleTo: 100, withCounter: false), 1));
        await using var subscriber = await SubscribeAsync("Acme/#");
        await using var statusSubscriber = await SubscribeAsync($"proxus/agents/{_agent.AgentIdText}/status");
        await using var agent = _current = AgentProcess.Start(_agent.Paths.Root, "--config-poll-interval", "3600", "--status-interval", "3600");
        await WaitForAsync(subscriber, Level, payload => payload.GetProperty("value").GetDouble() == 50);

        _server.Serve(_agent.Sign(Configuration(scaleTo: 200, withCounter: true), 2), 2);
        await subscriber.PublishAsync($"proxus/agents/{_agent.AgentIdText}/config", "{\"version\":2}"u8.ToArray(), MqttQualityOfService.AtLeastOnce);

        await WaitForAsync(subscriber, Counter, payload => payload.GetProperty("value").GetInt64() == 7);
        await WaitForAsync(subscriber, Level, payload => payload.GetProperty("value").GetDouble() == 100);
        var status = await WaitForAsync(statusSubscriber, $"proxus/agents/{_agent.AgentIdText}/status", payload => payload.GetProperty("configVersion").ValueKind == JsonValueKind.Number && payload.GetProperty("configVersion").GetInt64() == 2);
        status.GetProperty("connections").EnumerateArray().Select(connection => connection.GetProperty("id").GetString()).Should().Equal(["plc"], "an applied configuration is reported at once with its connections, not at the next status interval (an hour here)");

        var tampered = _agent.Sign(Configuration(scaleTo: 400, withCounter: true), 3);
        var index = Encoding.ASCII.GetString(tampered).IndexOf("400", StringComparison.Ordinal);
        tampered[index] = (byte)'5';
        _server.Serve(tampered, 3);
        await subscriber.PublishAsync($"proxus/agents/{_agent.AgentIdText}/config", "{\"version\":3}"u8.ToArray(), MqttQualityOfService.AtLeastOnce);

        await WaitUntilAsync(() => Reports().Any(report => report.Status == "rejected" && report.Version == 3));
        Reports().Single(report => report.Version == 3).Reason.Should().Contain("BadSignature");
        var kept = new ConfigVerificationHelper(_agent).StoredVersion();
        kept.Should().Be(2, "a rejected configuration leaves the running one in place");
        agent.HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task Run_KilledTwentyTimesWhileApplying_AlwaysRestartsWithACompleteConfiguration()
    {
        var envelopes = new Dictionary<long, byte[]>();
        byte[] EnvelopeOf(long version) => envelopes.TryGetValue(version, out var known)
            ? known
            : envelopes[version] = _agent.Sign(Configuration(scaleTo: 100 + version, withCounter: version % 2 == 0), version);
        _agent.Store(EnvelopeOf(1));
        var verifier = new ConfigVerificationHelper(_agent);
        var random = new Random(20);
        var upgraded = 0;
        // Kills fall at random within the first seconds of a run; on a machine so loaded that no run
        // gets as far as applying within them, the range widens until one does (bounded).
        var latestKillMs = 4000;
        for (var round = 0; round < 20; round++)
        {
            var running = verifier.StoredVersion();
            _server.Serve(EnvelopeOf(running + 1), running + 1);
            await using (var agent = _current = AgentProcess.Start(_agent.Paths.Root))
            {
                await Task.Delay(random.Next(500, latestKillMs));
                agent.Kill();
                await agent.WaitForExitAsync(Timeout);
            }

            var stored = File.ReadAllBytes(_agent.Paths.ConfigPath);
            var version = verifier.StoredVersion();
            version.Should().BeOneOf(running, running + 1);
            stored.Should().Equal(EnvelopeOf(version), "the stored configuration is the complete old or the complete new envelope");
            upgraded += version > running ? 1 : 0;
            latestKillMs = upgraded == 0 ? Math.Min(latestKillMs * 3 / 2, 15_000) : latestKillMs;
        }

        var final = verifier.StoredVersion();
        await using var last = _current = AgentProcess.Start(_agent.Paths.Root, "--config-poll-interval", "3600");
        await WaitUntilAsync(() => File.Exists(_agent.Paths.StatusPath) && StatusConfigVersion() == final);
        upgraded.Should().BeGreaterThan(0, "some rounds got far enough to apply the new version");
    }

    [Fact]
    public async Task Run_BrokerDownAndAgentKilled_BufferedPointsAreDeliveredInOrderAfterRestart()
    {
        _agent.Store(_agent.Sign(Configuration(scaleTo: 100, withCounter: true), 1));
        await using (var subscriber = await SubscribeAsync("Acme/#"))
        await using (var agent = _current = AgentProcess.Start(_agent.Paths.Root, "--config-poll-interval", "3600"))
        {
            await WaitForAsync(subscriber, Counter, payload => payload.GetProperty("value").GetInt64() == 7);
            await _broker.StopAsync();
            for (var value = 100; value < 115; value++)
            {
                _plc.Store.Write(ModbusTag.Create("HR1", ModbusDataType.UInt16), (ushort)value);
                await Task.Delay(500);
            }

            await WaitUntilAsync(() => BufferDepth() >= 15);
            agent.Kill();
            await agent.WaitForExitAsync(Timeout);
        }

        await _broker.StartAsync();
        await using var after = await SubscribeAsync("Acme/#");
        await using var restarted = _current = AgentProcess.Start(_agent.Paths.Root, "--config-poll-interval", "3600");
        var values = new List<long>();
        while (!values.Contains(114))
        {
            values.Add((await WaitForAsync(after, Counter, _ => true)).GetProperty("value").GetInt64());
        }

        var buffered = values.Where(value => value >= 100).Distinct().ToList();
        buffered.Should().Equal(Enumerable.Range(100, 15).Select(value => (long)value), "every point produced during the outage survives the kill and arrives, in order");
    }

    private long BufferDepth()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(_agent.Paths.StatusPath));
            return document.RootElement.GetProperty("report").GetProperty("bufferDepth").GetInt64();
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return 0;
        }
    }

    private List<(long Version, string Status, string? Reason)> Reports() => [.. _server.Reports.Select(body =>
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return (root.GetProperty("version").GetInt64(), root.GetProperty("status").GetString()!, root.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    })];

    private long? StatusConfigVersion()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(_agent.Paths.StatusPath));
            var version = document.RootElement.GetProperty("report").GetProperty("configVersion");
            return version.ValueKind == JsonValueKind.Number ? version.GetInt64() : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return null;
        }
    }

    private AgentConfiguration Configuration(double scaleTo, bool withCounter)
    {
        var connection = TestTags.Modbus("plc", _plc.LocalEndpoint.Port, _agent.AgentIdText);
        List<Tag> tags = [TestTags.Tag(Level, "plc", "HR0", DataType.UInt16) with { Scaling = new LinearScaling(0, 1000, 0, scaleTo), Unit = "%" }];
        if (withCounter)
        {
            tags.Insert(0, TestTags.Tag(Counter, "plc", "HR1", DataType.UInt16));
        }

        return _agent.Configuration([connection], tags);
    }

    private async Task<MqttClient> SubscribeAsync(string filter)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Server = _broker.Url,
            ClientId = "subscriber-" + Guid.NewGuid().ToString("N"),
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = [_pki.Ca], ClientCertificate = _pki.IssueClient("subscriber") },
        });
        await client.ConnectAsync().WaitAsync(Timeout);
        await client.SubscribeAsync(filter, MqttQualityOfService.AtLeastOnce).WaitAsync(Timeout);
        return client;
    }

    private async Task<JsonElement> WaitForAsync(MqttClient client, string topic, Func<JsonElement, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            MqttApplicationMessage message;
            try
            {
                message = await client.Messages.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching message on {topic}. Agent output: {_current?.Log}");
            }

            if (message.Topic != topic)
            {
                continue;
            }

            var payload = JsonDocument.Parse(message.Payload).RootElement.Clone();
            if (predicate(payload))
            {
                return payload;
            }
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not become true in time. Agent output: {_current?.Log}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads the stored envelope's version the way the agent does at start.</summary>
    private sealed class ConfigVerificationHelper(TestAgent agent)
    {
        private readonly Proxus.Agent.Configuration.ConfigVerification _verification = new(agent.SigningKey, agent.AgentIdText);

        public long StoredVersion()
        {
            var result = _verification.VerifyStored(File.ReadAllBytes(agent.Paths.ConfigPath));
            result.Succeeded.Should().BeTrue(result.Message);
            return result.Envelope!.Header.Version;
        }
    }
}
