namespace Proxus.Server.Mqtt;

/// <summary>
/// Who an MQTT connection authenticated as: what the broker hands back to the authorization hooks
/// and what revocation matches. <see cref="AgentMqttIdentity"/> or <see cref="AnonymousMqttIdentity"/>.
/// </summary>
public abstract record MqttClientIdentity
{
    /// <summary>How the audit log names this client: <c>agent:{id}</c>, <c>anonymous@{address}</c>.</summary>
    public abstract string Actor { get; }
}
