namespace Proxus.Server.Mqtt;

/// <summary>An agent, proven by a client certificate our CA issued to it.</summary>
/// <param name="AgentId">The agent the certificate names; the MQTT client id must equal it.</param>
/// <param name="SiteId">The agent's site.</param>
/// <param name="UnsPrefix">The site's UNS prefix (<c>Enterprise/Site</c> of its namespace) when the agent connected; null when the site has none.</param>
/// <param name="CertificateSerial">The certificate's serial number (what revocation matches).</param>
public sealed record AgentMqttIdentity(Guid AgentId, Guid SiteId, string? UnsPrefix, string CertificateSerial) : MqttClientIdentity
{
    public override string Actor => $"agent:{AgentId:D}";
}
