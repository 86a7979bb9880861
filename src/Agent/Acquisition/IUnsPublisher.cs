namespace Proxus.Agent.Acquisition;

/// <summary>Where normalized UNS messages go: the store-and-forward uplink.</summary>
public interface IUnsPublisher
{
    /// <summary>
    /// Takes the batch's messages (retained, for delivery at QoS 1) in order, all at once; they are
    /// copied before this returns and the batch is left as it was. Never blocks on the network.
    /// </summary>
    void Publish(UnsBatch batch);
}
