namespace Proxus.Server.Writes;

/// <summary>Delivers a signed command envelope to an agent's command topic (QoS 1).</summary>
public interface ICommandPublisher
{
    /// <returns>True when a session of the agent took the message; false when none is subscribed (the request then times out).</returns>
    bool Publish(Guid agentId, ReadOnlyMemory<byte> envelope);
}
