namespace Proxus.Server.Configuration;

/// <summary>
/// Told after a new signed configuration for an agent has been committed, so that the agent learns
/// about it at once (the MQTT side publishes on the agent's config topic). The agent fetches the
/// envelope itself over mutual TLS; a notifier that fails only delays that until the agent's next
/// poll. Register any number as singletons.
/// </summary>
public interface IConfigChangeNotifier
{
    Task ConfigurationIssuedAsync(IssuedAgentConfig issued, CancellationToken cancellationToken);
}
