namespace Proxus.Server.Monitoring;

/// <summary>Whether an MQTT client id names a registered agent (the unknown-client-id rule).</summary>
internal interface IAgentDirectory
{
    ValueTask<bool> IsAgentAsync(string clientId, CancellationToken cancellationToken);
}
