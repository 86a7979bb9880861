using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Proxus.Interop.Tests.Monitoring.Support;
using Proxus.Server.Monitoring;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Monitoring;

/// <summary>
/// Syslog over TLS (RFC 5425) to an independent TLS server: socat's OpenSSL listener with a
/// certificate from a test CA (a process per connection), appending the decrypted stream to a file that the test splits by the
/// octet-counting frames. (Debian's rsyslog TLS drivers, rsyslog-gnutls and rsyslog-openssl, are not
/// installed on this machine.)
/// </summary>
public sealed class SyslogTlsTests : IAsyncLifetime
{
    private readonly TestCertificates _pki = TestCertificates.Create("Syslog Test CA");
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-syslog-tls-").FullName;
    private ExternalProcess? _socat;
    private int _port;

    private string ReceivedPath => Path.Combine(_directory, "received.bin");

    private string CaPath => Path.Combine(_directory, "ca.pem");

    public async Task InitializeAsync()
    {
        var certificatePath = Path.Combine(_directory, "server.pem");
        var keyPath = Path.Combine(_directory, "server.key");
        TestCertificates.WritePem(_pki.Server, certificatePath, keyPath);
        await File.WriteAllTextAsync(CaPath, _pki.Ca.ExportCertificatePem());
        _port = LoopbackPort.GetFree();
        _socat = ExternalProcess.Start("socat", ["-u", $"OPENSSL-LISTEN:{_port},bind=127.0.0.1,reuseaddr,fork,cert={certificatePath},key={keyPath},verify=0", $"OPEN:{ReceivedPath},creat,append"]);
        await LoopbackPort.WaitUntilListeningAsync(_port, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (_socat is not null)
        {
            await _socat.DisposeAsync();
        }

        _pki.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Tls_Alerts_OctetCountedFramesOverValidatedTls()
    {
        var first = SampleAlert.Create(AlertRules.RevokedCertificate, AlertSeverity.Critical, "certificate:0A");
        var second = SampleAlert.Create(AlertRules.AgentRejection, AlertSeverity.High, "agent:" + Guid.NewGuid().ToString("D"), summary: "two\nlines");
        await using var client = Client(CaPath);

        await client.SendAsync(AlertMessages.ToSyslog(first), CancellationToken.None);
        await client.SendAsync(AlertMessages.ToSyslog(second), CancellationToken.None);

        var frames = await WaitForFramesAsync(2);
        Rfc5424Line.Parse(frames[0]).StructuredData[AlertMessages.AlertElementId]["id"].Should().Be(first.Id.ToString("D"));
        var parsed = Rfc5424Line.Parse(frames[1]);
        parsed.StructuredData[AlertMessages.AlertElementId]["id"].Should().Be(second.Id.ToString("D"));
        parsed.Message.Should().Be("two\\u000Alines");
    }

    [Fact]
    public async Task Tls_CollectorCertificateFromAnotherCa_RefusedNothingSent()
    {
        using var other = TestCertificates.Create("Another CA");
        var otherCa = Path.Combine(_directory, "other-ca.pem");
        await File.WriteAllTextAsync(otherCa, other.Ca.ExportCertificatePem());
        await using var client = Client(otherCa);

        var send = () => client.SendAsync(AlertMessages.ToSyslog(SampleAlert.Create(AlertRules.AgentOffline, AlertSeverity.High, "agent:x")), CancellationToken.None);

        await send.Should().ThrowAsync<AuthenticationException>();
        (File.Exists(ReceivedPath) ? await File.ReadAllBytesAsync(ReceivedPath) : []).Should().BeEmpty();
    }

    private SyslogClient Client(string caPath)
    {
        var syslog = SyslogForwardingTests.Syslog(SyslogTransport.Tls, _port);
        syslog.TrustedCaPath = caPath;
        syslog.ServerName = "localhost";
        return new SyslogClient(Options.Create(new MonitoringOptions { Syslog = syslog }), NullLogger<SyslogClient>.Instance);
    }

    /// <summary>Splits the received stream into <c>MSG-LEN SP SYSLOG-MSG</c> frames (RFC 5425 section 4.3).</summary>
    private async Task<List<string>> WaitForFramesAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var bytes = File.Exists(ReceivedPath) ? await File.ReadAllBytesAsync(ReceivedPath) : [];
            var frames = new List<string>();
            var position = 0;
            while (position < bytes.Length)
            {
                var space = Array.IndexOf(bytes, (byte)' ', position);
                if (space < 0)
                {
                    break;
                }

                var length = int.Parse(Encoding.ASCII.GetString(bytes, position, space - position), System.Globalization.CultureInfo.InvariantCulture);
                if (space + 1 + length > bytes.Length)
                {
                    break;
                }

                frames.Add(Encoding.UTF8.GetString(bytes, space + 1, length));
                position = space + 1 + length;
            }

            if (frames.Count >= count)
            {
                position.Should().Be(bytes.Length, "nothing but whole frames was received");
                return frames;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Received {frames.Count} of {count} frames. socat: {_socat?.StandardError}");
            }

            await Task.Delay(50);
        }
    }
}
