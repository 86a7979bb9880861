namespace Proxus.Server.Mqtt;

/// <summary>
/// The MQTT TLS endpoint's own certificate (section <c>Mqtt:Tls</c>). By default the endpoint
/// presents the server certificate of our internal CA (renewed automatically); these PEM files
/// replace it only when set, e.g. with a certificate from a public CA for the broker's host name.
/// Client certificates are always validated against our root CA, whatever is set here.
/// </summary>
public sealed class MqttTlsOptions
{
    /// <summary>The server certificate (PEM), optionally followed by its intermediate CA certificates.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The server certificate's private key (PEM); may be omitted when the certificate file holds it.</summary>
    public string? KeyPath { get; set; }
}
