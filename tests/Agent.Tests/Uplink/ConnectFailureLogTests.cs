using Microsoft.Extensions.Logging;
using Proxus.Agent.Tests.Support;
using Proxus.Agent.Uplink;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;

namespace Proxus.Agent.Tests.Uplink;

public sealed class ConnectFailureLogTests
{
    private static readonly Uri Broker = new("mqtts://proxus.example.com:8883");
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(60);

    private readonly RecordingLoggerFactory _logs = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly ConnectFailureLog _log;

    public ConnectFailureLogTests()
    {
        _log = new ConnectFailureLog(_logs.CreateLogger("uplink"), _time);
    }

    [Fact]
    public void Failed_RefusedForAnHour_OneWarningThenASummaryEveryInterval()
    {
        for (var minute = 0; minute < 60; minute++)
        {
            _log.Failed(Broker, NotAuthorized(), Delay, () => "proxus-agent enroll --force").Should().Be("CONNACK NotAuthorized");
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var warnings = _logs.Entries.Where(entry => entry.Level == LogLevel.Warning).ToList();
        warnings.Select(entry => entry.EventId).Should().Equal(3010, 3011, 3011, 3011);
        warnings.Should().OnlyContain(entry => entry.Message.Contains("proxus-agent enroll --force", StringComparison.Ordinal));
        warnings[1].Message.Should().Contain("16 attempts since 2026-11-22 12:00:00Z");
        _logs.Entries.Count(entry => entry.EventId == 3012 && entry.Level == LogLevel.Debug).Should().Be(56);
    }

    [Fact]
    public void Connected_AfterARefusal_SaysSoOnceAndTheNextRefusalWarnsAgain()
    {
        _log.Failed(Broker, NotAuthorized(), Delay, () => "enroll");
        _log.Failed(Broker, NotAuthorized(), Delay, () => "enroll");

        _log.Connected(Broker);
        _log.Connected(Broker);
        _log.Failed(Broker, NotAuthorized(), Delay, () => "enroll");

        _logs.Entries.Select(entry => entry.EventId).Should().Equal(3010, 3012, 3013, 3010);
        _logs.Entries.Single(entry => entry.EventId == 3013).Message.Should().Contain("after 2 refused attempts");
    }

    [Fact]
    public void Failed_ServerUnreachable_WarnsAtEveryAttemptWithoutTheEnrollAdvice()
    {
        var unreachable = new MqttClientException(MqttClientError.TransportFailed, "Connecting to mqtts://proxus.example.com:8883 failed: Connection refused", null, new IOException("Connection refused"));

        _log.Failed(Broker, unreachable, Delay, () => throw new InvalidOperationException("not asked for")).Should().BeNull();
        _log.Failed(Broker, unreachable, Delay, () => throw new InvalidOperationException("not asked for")).Should().BeNull();

        _logs.Entries.Should().HaveCount(2).And.OnlyContain(entry => entry.EventId == 3001 && entry.Level == LogLevel.Warning);
        _logs.Entries[0].Message.Should().Be("Cannot connect to mqtts://proxus.example.com:8883/: Connecting to mqtts://proxus.example.com:8883 failed: Connection refused; next attempt in 00:01:00");
    }

    [Theory]
    [InlineData(MqttReasonCode.NotAuthorized, true)]
    [InlineData(MqttReasonCode.BadUserNameOrPassword, true)]
    [InlineData(MqttReasonCode.ServerUnavailable, false)]
    [InlineData(MqttReasonCode.ServerBusy, false)]
    public void Failed_ConnAckReasonCode_IsAnIdentityRefusalOnlyForAuthenticationCodes(MqttReasonCode code, bool refusal)
    {
        var refused = new MqttClientException(MqttClientError.ConnectRefused, $"The server refused the connection: {code}.", code);

        var reason = _log.Failed(Broker, refused, Delay, () => "enroll");

        (reason is not null).Should().Be(refusal);
        _logs.Entries.Single().EventId.Should().Be(refusal ? 3010 : 3001);
    }

    [Fact]
    public void Failed_TlsClosedBeforeConnAckThreeTimesInARow_WarnsAsARefusalOnTheThird()
    {
        for (var i = 0; i < 4; i++)
        {
            _log.Failed(Broker, ClosedBeforeConnAck(), Delay, () => "enroll");
        }

        _logs.Entries.Select(entry => entry.EventId).Should().Equal(3001, 3001, 3010, 3012);
        _logs.Entries[2].Message.Should().Contain("closed the TLS connection before CONNACK").And.Contain("probably revoked");
    }

    [Fact]
    public void Failed_TlsClosedBeforeConnAckTwiceThenAnotherError_IsNoRefusal()
    {
        _log.Failed(Broker, ClosedBeforeConnAck(), Delay, () => "enroll");
        _log.Failed(Broker, ClosedBeforeConnAck(), Delay, () => "enroll");
        _log.Failed(Broker, new MqttClientException(MqttClientError.Timeout, "No CONNACK within 00:00:15."), Delay, () => "enroll");
        _log.Failed(Broker, ClosedBeforeConnAck(), Delay, () => "enroll");
        _log.Failed(Broker, ClosedBeforeConnAck(), Delay, () => "enroll");

        _logs.Entries.Should().OnlyContain(entry => entry.EventId == 3001);
    }

    [Fact]
    public void Failed_PlainTcpClosedBeforeConnAck_IsNoRefusal()
    {
        var plain = new Uri("mqtt://proxus.example.com:1883");
        for (var i = 0; i < 4; i++)
        {
            _log.Failed(plain, ClosedBeforeConnAck(), Delay, () => "enroll").Should().BeNull("no client certificate was judged");
        }

        _logs.Entries.Should().OnlyContain(entry => entry.EventId == 3001);
    }

    [Theory]
    [InlineData("Authentication failed because the remote party sent a TLS alert: 'CertificateRevoked'.", true)]
    [InlineData("error:0A000414:SSL routines::sslv3 alert certificate revoked", true)]
    [InlineData("error:0A000418:SSL routines::tlsv1 alert unknown ca", true)]
    [InlineData("The remote certificate was rejected by the provided RemoteCertificateValidationCallback.", false)]
    [InlineData("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot", false)]
    [InlineData("Connection refused", false)]
    public void Failed_TransportError_IsARefusalOnlyForACertificateAlert(string cause, bool refusal)
    {
        var failed = new MqttClientException(MqttClientError.TransportFailed, $"Connecting to {Broker} failed: {cause}", null, new IOException("The TLS handshake failed.", new System.Security.Authentication.AuthenticationException(cause)));

        var reason = _log.Failed(Broker, failed, Delay, () => "enroll");

        (reason is not null).Should().Be(refusal);
        _logs.Entries.Single().EventId.Should().Be(refusal ? 3010 : 3001);
    }

    private static MqttClientException ClosedBeforeConnAck()
    {
        var closed = new IOException("The server closed the connection before CONNACK.");
        return new MqttClientException(MqttClientError.TransportFailed, $"The connection to {Broker} failed during CONNECT: {closed.Message}", null, closed);
    }

    private static MqttClientException NotAuthorized() => new(MqttClientError.ConnectRefused, "The server refused the connection: NotAuthorized.", MqttReasonCode.NotAuthorized);
}
