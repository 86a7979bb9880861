namespace Proxus.Server.Mqtt;

/// <summary>Certificates of the MQTT TLS endpoint (section <c>Mqtt:Tls</c>), PEM files.</summary>
public sealed class MqttTlsOptions
{
    /// <summary>The server certificate (PEM).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The server certificate's private key (PEM); may be omitted when the certificate file holds it.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The CA (PEM, one or more certificates) that client certificates must chain to.</summary>
    public string? ClientCaPath { get; set; }
}
