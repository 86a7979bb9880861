using Proxus.Mqtt.Broker;
using Proxus.Server.Enrollment;

namespace Proxus.Server.Mqtt;

/// <summary>Drops every live MQTT session authenticated with a certificate (an agent's or a machine client's) the moment it is revoked (DISCONNECT 0x98).</summary>
internal sealed partial class MqttRevocationListener(MqttBroker broker, ILogger<MqttRevocationListener> logger) : ICertificateRevocationListener
{
    public Task OnRevokedAsync(string serialNumber, Guid? agentId, CancellationToken cancellationToken)
    {
        var closed = broker.DisconnectIdentities(
            identity => identity switch
            {
                AgentMqttIdentity agent => string.Equals(agent.CertificateSerial, serialNumber, StringComparison.OrdinalIgnoreCase),
                MachineClientMqttIdentity client => string.Equals(client.CertificateSerial, serialNumber, StringComparison.OrdinalIgnoreCase),
                _ => false,
            },
            $"certificate {serialNumber}");
        LogDropped(logger, serialNumber, agentId, closed);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Certificate {Serial} of agent {AgentId} revoked: {Count} MQTT connection(s) closed")]
    private static partial void LogDropped(ILogger logger, string serial, Guid? agentId, int count);
}
