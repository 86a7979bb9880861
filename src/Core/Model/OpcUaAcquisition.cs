namespace Proxus.Core.Model;

/// <summary>How the agent acquires the values of an OPC UA connection's tags.</summary>
public enum OpcUaAcquisition
{
    /// <summary>Read service calls at each tag's interval (poll group or own), like the other protocols.</summary>
    Poll,

    /// <summary>
    /// Monitored items (Part 4 section 5.12) in a subscription per interval: the tag's interval is the
    /// sampling and publishing interval, and the server reports changes instead of being read.
    /// </summary>
    Subscription,
}
