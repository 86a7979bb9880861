using Microsoft.Extensions.Logging;
using Proxus.Agent.Identity;
using Proxus.Agent.Tests.Support;
using Proxus.Agent.Uplink;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Uplink;

/// <summary>
/// What the agent's log says when the server ends the session with DISCONNECT Server shutting down
/// (an operator restarting it) or when the agent is stopping itself: Information, never a warning.
/// </summary>
public sealed class MqttUplinkServerShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TestCertificates _pki = TestCertificates.Create();
    private readonly MemoryUplinkQueue _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingLoggerFactory _log = new();
    private InProcessTlsBroker _broker = null!;
    private TestAgent _agent = null!;
    private CredentialStore _credentials = null!;

    public async Task InitializeAsync()
    {
        _broker = await InProcessTlsBroker.StartAsync(_pki.Server);
        _agent = TestAgent.Create(_pki, _broker.Url);
        _credentials = new CredentialStore(_agent.Paths);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _credentials.Dispose();
        _agent.Dispose();
        await _broker.DisposeAsync();
        _pki.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_ServerShutsDown_OneInformationLineNoWarningAndReconnects()
    {
        await using var uplink = new MqttUplink(_queue, () => _credentials.Current, new FixedStatusSource(_agent.AgentId), new UplinkOptions(), _log, TimeProvider.System);
        var run = uplink.RunAsync(_stop.Token);
        await WaitUntilAsync(() => Subscriptions() == 2);

        await _broker.ShutDownSessionsAsync();
        await WaitUntilAsync(() => Subscriptions() == 4 && uplink.Health.Connected);

        _log.Entries.Should().ContainSingle(e => e.EventId == 3014)
            .Which.Should().Match<RecordedLogEntry>(e => e.Level == LogLevel.Information && e.Message.StartsWith("The server is shutting down; reconnecting", StringComparison.Ordinal));
        _log.Entries.Where(e => e.Level >= LogLevel.Warning).Should().BeEmpty("a server announcing its shutdown is not a fault");
        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
    }

    [Fact]
    public void LogSessionEnded_ServerShutdownWrappedByAFailedRequest_InformationReconnecting()
    {
        var shutdown = new MqttClientException(MqttClientError.ServerDisconnected, "The server disconnected: ServerShuttingDown", MqttReasonCode.ServerShuttingDown);
        var wrapped = new MqttClientException(MqttClientError.ConnectionLost, "The connection closed before the server answered.", null, shutdown);

        MqttUplink.LogSessionEnded(_log.CreateLogger("uplink"), wrapped, stopping: false, depth: 7);

        _log.Entries.Should().ContainSingle().Which.Should().Match<RecordedLogEntry>(e => e.Level == LogLevel.Information && e.EventId == 3014 && e.Message.Contains("7 messages", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(MqttClientError.ServerDisconnected, MqttReasonCode.ServerShuttingDown)]
    [InlineData(MqttClientError.ConnectionLost, null)]
    public void LogSessionEnded_AgentStopping_Information(MqttClientError error, MqttReasonCode? reasonCode)
    {
        MqttUplink.LogSessionEnded(_log.CreateLogger("uplink"), new MqttClientException(error, "ended", reasonCode), stopping: true, depth: 0);

        _log.Entries.Should().ContainSingle().Which.Should().Match<RecordedLogEntry>(e => e.Level == LogLevel.Information && e.EventId == 3015);
    }

    [Fact]
    public void LogSessionEnded_OtherDisconnectWhileRunning_WarningWithCause()
    {
        var cause = new IOException("Connection reset by peer");

        MqttUplink.LogSessionEnded(_log.CreateLogger("uplink"), new MqttClientException(MqttClientError.ConnectionLost, "The connection was lost.", null, cause), stopping: false, depth: 3);

        _log.Entries.Should().ContainSingle().Which.Should().Match<RecordedLogEntry>(e => e.Level == LogLevel.Warning && e.EventId == 3002 && e.Message.Contains("Connection reset by peer", StringComparison.Ordinal));
    }

    private int Subscriptions() => _log.Entries.Count(e => e.EventId == 3009);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true in time.");
            }

            await Task.Delay(25);
        }
    }
}
