using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Proxus.Agent.Identity;
using Proxus.Agent.Tests.Support;
using Proxus.Agent.Uplink;
using Proxus.Mqtt.Client;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Uplink;

/// <summary>
/// A server that refuses the agent's identity (walkthrough finding F): the way our server refuses a
/// revoked certificate (TLS 1.3, the client certificate checked in the handshake and refused) and a
/// CONNACK of Not Authorized. The agent logs one clear warning with the command to enroll again,
/// keeps retrying and buffering, and does not repeat the warning at every attempt.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class IdentityRefusalTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TestCertificates _pki = TestCertificates.Create();
    private readonly MemoryUplinkQueue _queue = new();
    private readonly RecordingLoggerFactory _logs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TestAgent _agent;
    private int _attempts;

    public IdentityRefusalTests()
    {
        _listener.Start();
        _agent = TestAgent.Create(_pki, Broker);
    }

    private Uri Broker => new($"mqtts://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _agent.Dispose();
        _pki.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task Run_ServerRefusesTheCertificateInTheTlsHandshake_WarnsOnceWithTheReenrollCommand()
    {
        var server = ServeAsync(RefuseInHandshakeAsync);

        var uplink = await RunUntilAttemptsAsync(ConnectFailureLog.SuspectedRefusalsBeforeWarning + 2);

        AssertOneIdentityWarning(ordinaryWarnings: ConnectFailureLog.SuspectedRefusalsBeforeWarning - 1);
        _logs.Entries.Where(entry => entry.EventId == 3001).Should().OnlyContain(entry => entry.Message.Contains("closed the connection before CONNACK.; next", StringComparison.Ordinal) && !entry.Message.Contains("<-", StringComparison.Ordinal), "the cause is said once");
        uplink.Health.LastError.Should().Contain("refused this agent's identity").And.Contain("enroll --force");
        await server;
    }

    [Fact]
    public async Task Run_ConnAckNotAuthorized_WarnsOnceWithTheReenrollCommand()
    {
        var server = ServeAsync(AnswerNotAuthorizedAsync);

        var uplink = await RunUntilAttemptsAsync(4);

        AssertOneIdentityWarning(ordinaryWarnings: 0);
        _logs.Entries.Single(entry => entry.EventId == 3010).Message.Should().Contain("NotAuthorized");
        uplink.Health.LastError.Should().Contain("refused this agent's identity");
        await server;
    }

    private void AssertOneIdentityWarning(int ordinaryWarnings)
    {
        var warnings = _logs.Entries.Where(entry => entry.Level >= LogLevel.Warning).ToList();
        warnings.Select(entry => entry.EventId).Should().Equal(Enumerable.Repeat(3001, ordinaryWarnings).Append(3010), "a lasting refusal is one warning, not one per attempt: {0}", string.Join(" | ", warnings.Select(w => w.Message)));
        var warning = warnings[^1];
        warning.Message.Should().Contain("probably revoked")
            .And.Contain($"proxus-agent enroll --server {_agent.Record.Server}")
            .And.Contain("--ca-fingerprint " + EnrollmentClient.FingerprintOf(_pki.Ca))
            .And.Contain("--data-dir " + _agent.Paths.Root)
            .And.Contain("--force");
        _logs.Entries.Count(entry => entry.EventId == 3012).Should().BeGreaterThanOrEqualTo(2, "the later attempts are logged at Debug");
        _queue.Depth.Should().Be(3, "the messages stay buffered while the identity is refused");
    }

    /// <summary>Runs an uplink with 3 queued messages until the agent has logged the failure of its <paramref name="attempts"/>th connection attempt; then stops it.</summary>
    private async Task<MqttUplink> RunUntilAttemptsAsync(int attempts)
    {
        using var credentials = new CredentialStore(_agent.Paths);
        var delay = TimeSpan.FromMilliseconds(50);
        var options = new UplinkOptions { Reconnect = new MqttReconnectOptions { InitialDelay = delay, MaximumDelay = delay * 2 } };
        var uplink = new MqttUplink(_queue, () => credentials.Current, new FixedStatusSource(_agent.AgentId), options, _logs, TimeProvider.System, _agent.Paths.Root);
        for (var i = 0; i < 3; i++)
        {
            uplink.Publish("Acme/SiteA/Area/Line/M/t", "1"u8);
        }

        var run = uplink.RunAsync(_stop.Token);
        var deadline = DateTime.UtcNow + Timeout;
        // One attempt more than asked for: the agent logs an attempt's failure before it tries again.
        while (Volatile.Read(ref _attempts) <= attempts || uplink.Health.LastError is null)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the agent retries a refused connection");
            await Task.Delay(25);
        }

        await _stop.CancelAsync();
        await run.WaitAsync(Timeout);
        await uplink.DisposeAsync();
        return uplink;
    }

    private async Task ServeAsync(Func<SslStream, Task> refuse)
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _attempts);
                await using var tls = new SslStream(client.GetStream());
                try
                {
                    await refuse(tls).WaitAsync(Timeout, _stop.Token);
                }
                catch (Exception exception) when (exception is IOException or AuthenticationException)
                {
                    // The refusal itself.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The test is over.
        }
    }

    /// <summary>As the server's MQTT endpoint refuses a revoked certificate: TLS 1.3, the client certificate required and refused.</summary>
    private Task RefuseInHandshakeAsync(SslStream tls) => tls.AuthenticateAsServerAsync(
        new SslServerAuthenticationOptions
        {
            ServerCertificate = _pki.Server,
            ClientCertificateRequired = true,
            EnabledSslProtocols = SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, _, _, _) => false,
        },
        _stop.Token);

    /// <summary>Accepts the certificate, reads the CONNECT and answers an MQTT 5 CONNACK with Not Authorized (0x87).</summary>
    private async Task AnswerNotAuthorizedAsync(SslStream tls)
    {
        await tls.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions
            {
                ServerCertificate = _pki.Server,
                ClientCertificateRequired = true,
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            _stop.Token);
        var buffer = new byte[4096];
        _ = await tls.ReadAsync(buffer, _stop.Token);
        await tls.WriteAsync(new byte[] { 0x20, 0x03, 0x00, 0x87, 0x00 }, _stop.Token);
        await tls.FlushAsync(_stop.Token);
    }
}
