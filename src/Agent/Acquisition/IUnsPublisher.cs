namespace Proxus.Agent.Acquisition;

/// <summary>Where normalized UNS messages go: the store-and-forward uplink.</summary>
public interface IUnsPublisher
{
    /// <summary>Takes one retained UNS message for delivery at QoS 1. Never blocks on the network.</summary>
    void Publish(string topic, ReadOnlySpan<byte> payload);
}
