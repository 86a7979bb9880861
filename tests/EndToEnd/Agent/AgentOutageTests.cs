using System.Globalization;
using System.Text;
using Proxus.EndToEnd.Tests.Support;
using Proxus.TestSupport;
using Xunit.Abstractions;

namespace Proxus.EndToEnd.Tests.Agent;

/// <summary>
/// Issue #7's outage acceptance with every part a real process: the server (SQLite) is stopped for
/// a minute while an enrolled agent keeps reading 2,000 points/s from the Modbus simulator, the
/// agent is killed with SIGKILL during the outage and started again, then the server comes back on
/// the same data directory and ports. An independent persistent-session subscriber on the server's
/// broker must end up with every point: no sequence gap but the killed agent's unused block, no
/// duplicate after de-duplication by (tag, timestamp), each tag in time order.
/// </summary>
public sealed class AgentOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tags = 200;
    private const int PollMs = 100;
    private const int PointsPerSecond = Tags * 1000 / PollMs;
    private const string Site = "Acme/Outage";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The drain of two minutes of backlog (the outage plus the agent's reconnect backoff) through the broker to the witness.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(8);

    private readonly string _work = Directory.CreateTempSubdirectory("proxus-outage-").FullName;
    private SimulatorProcess? _plc;
    private ServerProcess? _server;
    private UnsWitness? _witness;
    private AgentProcess? _agent;

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ServerDownForAMinuteAndAgentKilledMeanwhile_EveryPointArrivesOnceInOrder()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var token = cancellation.Token;
        _plc = await SimulatorProcess.StartAsync("modbus");
        // The witness's session may queue the whole backlog the agent drains after the restart.
        _server = await ServerProcess.StartAsync(ServerProcessOptions.ForAgentUnderLoad(maximumQueuedMessages: 1_000_000));
        var registration = await _server.RegisterAgentAsync("Acme", "Outage", "edge-outage", TagMap(_plc.Port));

        var data = Path.Combine(_work, "agent");
        await AgentProcess.EnrollAsync(_server.BaseAddress, registration.EnrollmentToken, await _server.GetCaFingerprintAsync(), data, "--broker", _server.BrokerUrl!.ToString());
        var broker = new Uri($"mqtt://127.0.0.1:{_server.MqttPort!.Value.ToString(CultureInfo.InvariantCulture)}");
        _witness = await UnsWitness.StartAsync(broker, Site + "/#", StepTimeout);
        _agent = AgentProcess.Start(data);
        await WaitUntilAsync(() => _witness.Count >= 5 * PointsPerSecond, "five seconds of live points", StepTimeout, token);

        await _server.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await Task.Delay(Outage / 3, token);
        _agent.Kill();
        await _agent.DisposeAsync();
        var killedAt = DateTimeOffset.UtcNow;
        _agent = AgentProcess.Start(data);
        await Task.Delay(stoppedAt + Outage - DateTimeOffset.UtcNow, token);
        await _server.RestartAsync();
        var restartedAt = DateTimeOffset.UtcNow;

        // The queue drains in order, so a point taken after the restart means every earlier one arrived.
        await WaitUntilAsync(() => _witness.Newest > restartedAt.AddSeconds(2), "the buffered points and then live ones again", DrainTimeout, token);
        var drained = DateTimeOffset.UtcNow;
        var points = _witness.Points();
        var audit = DeliveryAudit.Of(points);
        Report(audit, points, stoppedAt, killedAt, restartedAt, drained);

        audit.FirstSequence.Should().Be(1, "the witness subscribed before the agent's first point");
        audit.Losses.Should().BeEmpty("every sequence number the agent used arrived");
        audit.Problems.Should().BeEmpty("no point arrives twice under different sequence numbers, and each tag's points arrive in time order");
        audit.Restarts.Should().ContainSingle("the agent was killed once; its successor continued at the next reserved block");
        var outage = points.Where(point => point.Timestamp > stoppedAt && point.Timestamp < restartedAt).ToList();
        foreach (var tag in Enumerable.Range(0, Tags).Select(TagPath))
        {
            outage.Should().Contain(point => point.Tag == tag && point.Timestamp < killedAt, "{0} was read and buffered by the agent that was killed", tag);
            outage.Should().Contain(point => point.Tag == tag && point.Timestamp > killedAt, "{0} was read and buffered by its successor while the server was still down", tag);
        }
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_witness is not null)
        {
            await _witness.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_plc is not null)
        {
            await _plc.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    private static string TagPath(int index) => $"{Site}/Hall/Line1/Plc/R{index:D3}";

    /// <summary>One Modbus connection, one poll group: the points come from one poll loop, in sequence order.</summary>
    private static string TagMap(int port)
    {
        var c = CultureInfo.InvariantCulture;
        var yaml = new StringBuilder()
            .AppendLine("site:")
            .AppendLine("  enterprise: Acme")
            .AppendLine("  name: Outage")
            .AppendLine("connections:")
            .AppendLine("  - id: plc")
            .AppendLine("    protocol: ModbusTcp")
            .AppendLine("    agent: edge-outage")
            .AppendLine("    host: 127.0.0.1")
            .AppendLine(c, $"    port: {port}")
            .AppendLine("    unit_id: 1")
            .AppendLine("    poll_groups:")
            .AppendLine("      - name: fast")
            .AppendLine(c, $"        interval_ms: {PollMs}")
            .AppendLine("tags:");
        for (var i = 0; i < Tags; i++)
        {
            yaml.AppendLine(c, $"  - path: {TagPath(i)}")
                .AppendLine("    connection: plc")
                .AppendLine(c, $"    address: HR{i}")
                .AppendLine("    data_type: UInt16")
                .AppendLine("    poll_group: fast")
                .AppendLine("    report_by_exception: false");
        }

        return yaml.ToString();
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline || _agent?.HasExited == true)
            {
                throw new TimeoutException($"Waited in vain for {what}; the witness has {_witness?.Count:N0} messages, the newest taken at {_witness?.Newest:O}. Agent: {_agent?.Log} Server: {_server?.Log}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private void Report(DeliveryAudit audit, IReadOnlyList<ReceivedPoint> points, DateTimeOffset stoppedAt, DateTimeOffset killedAt, DateTimeOffset restartedAt, DateTimeOffset drained)
    {
        var outage = points.Count(point => point.Timestamp > stoppedAt && point.Timestamp < restartedAt);
        output.WriteLine($"received {audit.Received:N0} messages, {audit.Distinct:N0} distinct points (seq {audit.FirstSequence:N0}..{audit.LastSequence:N0}), {audit.Received - audit.Distinct:N0} duplicates removed");
        output.WriteLine($"server down {(restartedAt - stoppedAt).TotalSeconds:N0} s; agent killed {(killedAt - stoppedAt).TotalSeconds:N0} s into it; {outage:N0} points taken meanwhile; drained {(drained - restartedAt).TotalSeconds:N0} s after the restart");
        output.WriteLine($"restart gaps: {string.Join(", ", audit.Restarts.Select(gap => $"{gap.From:N0}..{gap.To:N0}"))}; losses: {audit.Losses.Count}; problems: {audit.Problems.Count}");
        foreach (var problem in audit.Problems.Take(10))
        {
            output.WriteLine(problem);
        }
    }
}
