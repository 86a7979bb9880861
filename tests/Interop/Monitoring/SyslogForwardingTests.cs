using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Interop.Tests.Monitoring.Support;
using Proxus.Server.Monitoring;

namespace Proxus.Interop.Tests.Monitoring;

/// <summary>
/// Alerts forwarded as RFC 5424 syslog to a real rsyslogd (Debian's) over UDP and over TCP with
/// octet-counting framing; the test parses the lines rsyslog wrote from the fields it parsed, and
/// the structured data rsyslog's mmpstrucdata module decoded.
/// </summary>
public sealed class SyslogForwardingTests : IAsyncLifetime
{
    private Rsyslog _rsyslog = null!;

    public async Task InitializeAsync() => _rsyslog = await Rsyslog.StartAsync();

    public async Task DisposeAsync() => await _rsyslog.DisposeAsync();

    [Fact]
    public async Task Udp_Alert_RsyslogParsesRfc5424HeaderStructuredDataAndMessage()
    {
        var alert = SampleAlert.Create(AlertRules.RevokedCertificate, AlertSeverity.Critical, "certificate:0A1B2C");
        await using var client = Client(SyslogTransport.Udp, _rsyslog.UdpPort);
        var message = AlertMessages.ToSyslog(alert);

        await client.SendAsync(message, CancellationToken.None);
        var lines = await _rsyslog.WaitForAsync(alert.Id.ToString("D"), resend: () => client.SendAsync(message, CancellationToken.None));

        var line = Rfc5424Line.Parse(lines[0]);
        line.Priority.Should().Be((10 * 8) + 2, "facility authpriv, severity critical");
        line.Hostname.Should().Be("proxus-test");
        line.AppName.Should().Be("proxus");
        line.ProcId.Should().Be(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        line.MessageId.Should().Be("ALERT");
        DateTimeOffset.Parse(line.Timestamp, CultureInfo.InvariantCulture).Should().Be(alert.FirstSeen);
        var element = line.StructuredData[AlertMessages.AlertElementId];
        element["id"].Should().Be(alert.Id.ToString("D"));
        element["rule"].Should().Be(AlertRules.RevokedCertificate);
        element["severity"].Should().Be("Critical");
        element["subject"].Should().Be("certificate:0A1B2C");
        element["count"].Should().Be("3");
        line.StructuredData[AlertMessages.DetailsElementId]["reason"].Should().Be("Revoked");
        line.Message.Should().Be(alert.Summary);
        await AssertRsyslogDecodedAsync(alert);
    }

    [Fact]
    public async Task Tcp_SeveralAlertsWithHostileValues_EachOneFramedMessageWithValuesIntact()
    {
        var hostile = SampleAlert.Create(AlertRules.UnknownClientId, AlertSeverity.Medium, "mqtt-client:a\"b\\c]d <13>1 forged", summary: "line one\nline two ]\"");
        var plain = SampleAlert.Create(AlertRules.AgentOffline, AlertSeverity.High, "agent:" + Guid.NewGuid().ToString("D"), summary: "Presse Süd offline");
        await using var client = Client(SyslogTransport.Tcp, _rsyslog.TcpPort);

        await client.SendAsync(AlertMessages.ToSyslog(hostile), CancellationToken.None);
        await client.SendAsync(AlertMessages.ToSyslog(plain), CancellationToken.None);

        var hostileLine = Rfc5424Line.Parse((await _rsyslog.WaitForAsync(hostile.Id.ToString("D"))).Single());
        var plainLine = Rfc5424Line.Parse((await _rsyslog.WaitForAsync(plain.Id.ToString("D"))).Single());
        hostileLine.StructuredData[AlertMessages.AlertElementId]["subject"].Should().Be("mqtt-client:a\"b\\c]d <13>1 forged");
        hostileLine.Message.Should().Be("line one\\u000Aline two ]\"", "a line break cannot start a forged message");
        hostileLine.Priority.Should().Be((10 * 8) + 4);
        plainLine.Message.Should().Be("Presse Süd offline");
        (await _rsyslog.LinesAsync(_rsyslog.MessagesPath)).Should().HaveCount(2, "octet counting keeps each message whole");
    }

    [Fact]
    public async Task Forwarder_CollectorDownThenUp_AlertDeliveredAfterRetry()
    {
        var port = Proxus.TestSupport.LoopbackPort.GetFree();
        var alert = SampleAlert.Create(AlertRules.AuthenticationFailures, AlertSeverity.High, "source:10.1.2.3");
        var syslog = Syslog(SyslogTransport.Tcp, port);
        syslog.ConnectTimeout = TimeSpan.FromSeconds(2);
        var options = Options.Create(new MonitoringOptions { Syslog = syslog });
        await using var client = new SyslogClient(options, NullLogger<SyslogClient>.Instance);
        using var forwarder = new SyslogAlertForwarder(client, options, NullLogger<SyslogAlertForwarder>.Instance);
        await forwarder.StartAsync(CancellationToken.None);
        try
        {
            // Nothing listens yet: the first attempt fails, and Enqueue returned at once regardless.
            forwarder.Enqueue(alert);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await using var late = await Rsyslog.StartAsync(port);

            var lines = await late.WaitForAsync(alert.Id.ToString("D"));

            Rfc5424Line.Parse(lines.Single()).StructuredData[AlertMessages.AlertElementId]["rule"].Should().Be(AlertRules.AuthenticationFailures);
        }
        finally
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await forwarder.StopAsync(timeout.Token);
        }
    }

    private async Task AssertRsyslogDecodedAsync(Alert alert)
    {
        var json = (await _rsyslog.LinesAsync(_rsyslog.StructuredDataPath)).First(l => l.Contains(alert.Id.ToString("D"), StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json);
        var element = document.RootElement.EnumerateObject().Single(p => p.Name.Equals(AlertMessages.AlertElementId, StringComparison.OrdinalIgnoreCase)).Value;
        element.GetProperty("rule").GetString().Should().Be(alert.Rule);
        element.GetProperty("subject").GetString().Should().Be(alert.Subject);
    }

    private static SyslogClient Client(SyslogTransport transport, int port)
        => new(Options.Create(new MonitoringOptions { Syslog = Syslog(transport, port) }), NullLogger<SyslogClient>.Instance);

    internal static SyslogOptions Syslog(SyslogTransport transport, int port)
        => new() { Host = "127.0.0.1", Port = port, Transport = transport, Hostname = "proxus-test", AppName = "proxus", Facility = 10 };
}
