using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Mqtt.Client;

/// <summary>
/// TLS for <c>mqtts://</c> and <c>wss://</c>. The server certificate must chain to one of
/// <see cref="TrustedCertificateAuthorities"/> — the operating system's store is never consulted —
/// and must name the host the client dialled.
/// </summary>
public sealed record MqttClientTlsOptions
{
    /// <summary>The only roots the server certificate may chain to.</summary>
    public required X509Certificate2Collection TrustedCertificateAuthorities { get; init; }

    /// <summary>Our certificate (with its private key) for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    public SslProtocols EnabledProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The name checked against the server certificate; defaults to the host of the server URI.</summary>
    public string? TargetHost { get; init; }

    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;

    internal void Validate(List<string> errors)
    {
        if (TrustedCertificateAuthorities.Count == 0)
        {
            errors.Add($"{nameof(TrustedCertificateAuthorities)} must hold at least one CA certificate.");
        }

        if ((EnabledProtocols & ~(SslProtocols.Tls12 | SslProtocols.Tls13)) != 0 || EnabledProtocols == SslProtocols.None)
        {
            errors.Add($"{nameof(EnabledProtocols)} may only be TLS 1.2 and/or TLS 1.3.");
        }

        if (ClientCertificate is { HasPrivateKey: false })
        {
            errors.Add($"{nameof(ClientCertificate)} must carry its private key.");
        }
    }
}
