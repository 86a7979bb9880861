using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Sends RFC 5424 messages to the configured collector: UDP (one message per datagram, RFC 5426),
/// TCP with octet-counting framing (<c>MSG-LEN SP SYSLOG-MSG</c>, RFC 6587 section 3.4.1) or TLS
/// 1.2+ with the same framing (RFC 5425 section 4.3), the collector's certificate validated against
/// the configured CA (or the system's trust) and name. The stream connection is kept and reopened
/// after a failure. Sends are serialized; a failed send throws and the caller retries.
/// </summary>
internal sealed partial class SyslogClient(IOptions<MonitoringOptions> options, ILogger<SyslogClient> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Socket? _udp;
    private TcpClient? _tcp;
    private Stream? _stream;

    public SyslogOptions Options => options.Value.Syslog;

    public async Task SendAsync(SyslogMessage message, CancellationToken cancellationToken)
    {
        var syslog = Options;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (syslog.Transport == SyslogTransport.Udp)
            {
                var datagram = SyslogFormatter.Format(message, syslog, syslog.MaxDatagramBytes);
                _udp ??= await ConnectUdpAsync(syslog, cancellationToken);
                await _udp.SendAsync(datagram, SocketFlags.None, cancellationToken);
                return;
            }

            var payload = SyslogFormatter.Format(message, syslog);
            var frame = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + " ");
            try
            {
                var stream = _stream ??= await ConnectStreamAsync(syslog, cancellationToken);
                await stream.WriteAsync(frame, cancellationToken);
                await stream.WriteAsync(payload, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or SocketException or AuthenticationException or OperationCanceledException)
            {
                // A half-written frame would put the collector out of step: the connection is discarded.
                await CloseStreamAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseStreamAsync();
        _udp?.Dispose();
        _gate.Dispose();
    }

    private static async Task<Socket> ConnectUdpAsync(SyslogOptions syslog, CancellationToken cancellationToken)
    {
        var addresses = await System.Net.Dns.GetHostAddressesAsync(syslog.Host!, cancellationToken);
        var address = addresses.FirstOrDefault() ?? throw new SocketException((int)SocketError.HostNotFound);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(address, syslog.Port, cancellationToken);
        return socket;
    }

    private async Task<Stream> ConnectStreamAsync(SyslogOptions syslog, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(syslog.ConnectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(syslog.Host!, syslog.Port, timeout.Token);
            Stream stream = tcp.GetStream();
            if (syslog.Transport == SyslogTransport.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(TlsOptions(syslog), timeout.Token);
                stream = tls;
            }

            _tcp = tcp;
            LogConnected(logger, syslog.Transport, syslog.Host!, syslog.Port);
            return stream;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private static SslClientAuthenticationOptions TlsOptions(SyslogOptions syslog)
    {
        var serverName = string.IsNullOrWhiteSpace(syslog.ServerName) ? syslog.Host! : syslog.ServerName;
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (!string.IsNullOrWhiteSpace(syslog.ClientCertificatePath))
        {
            using var pem = X509Certificate2.CreateFromPemFile(syslog.ClientCertificatePath, string.IsNullOrWhiteSpace(syslog.ClientKeyPath) ? null : syslog.ClientKeyPath);
            authentication.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
        }

        if (!string.IsNullOrWhiteSpace(syslog.TrustedCaPath))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(syslog.TrustedCaPath);
            authentication.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            authentication.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return authentication;
    }

    private async Task CloseStreamAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
            _stream = null;
        }

        _tcp?.Dispose();
        _tcp = null;
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Connected to the syslog collector over {Transport} at {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, SyslogTransport transport, string host, int port);
}
