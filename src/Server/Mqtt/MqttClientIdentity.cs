namespace Proxus.Server.Mqtt;

/// <summary>Who an MQTT connection authenticated as: what the broker hands to authorization and revocation.</summary>
/// <param name="Kind">"certificate" or "anonymous".</param>
/// <param name="Name">The certificate's subject common name, or the client id of an anonymous client.</param>
/// <param name="Thumbprint">The SHA-256 thumbprint of the client certificate; null when anonymous.</param>
public sealed record MqttClientIdentity(string Kind, string Name, string? Thumbprint)
{
    public const string CertificateKind = "certificate";
    public const string AnonymousKind = "anonymous";
}
