namespace Proxus.Mqtt.Broker;

/// <summary>What became of one delivery to one session.</summary>
internal enum MqttDeliveryResult
{
    /// <summary>Written to the client's connection.</summary>
    Sent,

    /// <summary>Kept in the session's queue until the client (or its receive window) is ready.</summary>
    Queued,

    /// <summary>Not delivered by rule: QoS 0 for an offline client, larger than the client accepts, expired.</summary>
    Skipped,

    /// <summary>The session's queue was full: lost for this subscriber.</summary>
    Dropped,
}
