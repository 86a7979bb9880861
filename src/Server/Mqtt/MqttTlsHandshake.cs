using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Proxus.Server.Api;
using Proxus.Server.Pki;

namespace Proxus.Server.Mqtt;

/// <summary>
/// TLS of the MQTT endpoint, decided per connection: TLS 1.3 only; the server certificate of our
/// CA with its issuing CA (or the configured PEM files); a client certificate is required and
/// checked in the handshake against our root only, with our own revocation state
/// (<see cref="IAgentIdentityResolver.CheckAtHandshake"/>). A refused certificate fails the
/// handshake (the client gets a TLS alert, never a CONNACK) and is audited with the remote endpoint.
/// </summary>
internal sealed partial class MqttTlsHandshake
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly CertificateAuthority _authority;
    private readonly IAgentIdentityResolver _resolver;
    private readonly MqttSecurityAudit _audit;
    private readonly ILogger<MqttTlsHandshake> _logger;
    private readonly Lazy<SslStreamCertificateContext?> _configured;
    private volatile SslStreamCertificateContext? _issued;

    public MqttTlsHandshake(IOptions<MqttServerOptions> options, CertificateAuthority authority, IAgentIdentityResolver resolver, MqttSecurityAudit audit, ILogger<MqttTlsHandshake> logger)
    {
        _authority = authority;
        _resolver = resolver;
        _audit = audit;
        _logger = logger;
        var tls = options.Value.Tls;
        _configured = new(() => string.IsNullOrWhiteSpace(tls.CertificatePath) ? null : LoadConfigured(tls.CertificatePath, tls.KeyPath));
    }

    public TlsHandshakeCallbackOptions CreateCallbackOptions() => new()
    {
        HandshakeTimeout = HandshakeTimeout,
        OnConnection = context => ValueTask.FromResult(CreateServerOptions(ClientAddress.Unmap(context.Connection.RemoteEndPoint))),
    };

    internal SslServerAuthenticationOptions CreateServerOptions(EndPoint? remoteEndPoint) => new()
    {
        ServerCertificateContext = _configured.Value ?? IssuedContext(),
        ClientCertificateRequired = true,
        EnabledSslProtocols = SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => IsAcceptable(certificate, remoteEndPoint),
    };

    private bool IsAcceptable(X509Certificate? presented, EndPoint? remoteEndPoint)
    {
        // SslStream hands over X509Certificate2 instances; anything else is read from its DER.
        using var loaded = presented is null or X509Certificate2 ? null : X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        var certificate = presented as X509Certificate2 ?? loaded;
        var rejection = certificate is null ? "NoCertificate" : _resolver.CheckAtHandshake(certificate)?.ToString();
        if (rejection is null)
        {
            return true;
        }

        LogRefused(_logger, remoteEndPoint?.ToString(), rejection, certificate?.Subject);
        _audit.AuthenticationFailed("tls", rejection, remoteEndPoint, certificate, clientId: null, transport: "tls");
        return false;
    }

    /// <summary>Our server certificate with its issuing CA; rebuilt when the CA renews the certificate.</summary>
    private SslStreamCertificateContext IssuedContext()
    {
        var current = _authority.ServerCertificate;
        var context = _issued;
        if (context is null || !ReferenceEquals(context.TargetCertificate, current))
        {
            context = SslStreamCertificateContext.Create(current, [_authority.IssuingCertificate], offline: true);
            _issued = context;
        }

        return context;
    }

    private static SslStreamCertificateContext LoadConfigured(string certificatePath, string? keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, string.IsNullOrWhiteSpace(keyPath) ? null : keyPath);

        // SslStream needs the key in a persisted form on some platforms: round-trip through PKCS#12.
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var file = new X509Certificate2Collection();
        file.ImportFromPemFile(certificatePath);
        var intermediates = new X509Certificate2Collection();
        foreach (var extra in file)
        {
            if (extra.RawData.AsSpan().SequenceEqual(certificate.RawData))
            {
                extra.Dispose();
            }
            else
            {
                intermediates.Add(extra);
            }
        }

        return SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "MQTT TLS handshake from {RemoteEndPoint} refused: {Reason} ({Subject})")]
    private static partial void LogRefused(ILogger logger, string? remoteEndPoint, string reason, string? subject);
}
