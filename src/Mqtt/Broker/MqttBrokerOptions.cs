namespace Proxus.Mqtt.Broker;

/// <summary>
/// Limits and behaviour of <see cref="MqttBroker"/>. Every limit is enforced per connection or per
/// session so that one misbehaving client cannot exhaust the broker. <see cref="Validate"/> is called
/// by the broker's constructor; hosts also call it at start-up (IValidateOptions).
/// </summary>
public sealed class MqttBrokerOptions
{
    /// <summary>The protocol ceiling for a packet: 268,435,455 bytes of remaining length plus a 5-byte fixed header.</summary>
    public const uint ProtocolMaximumPacketSize = 268_435_460;

    /// <summary>Connections served at once; further connections get CONNACK Server busy and are closed.</summary>
    public int MaximumConnections { get; set; } = 10_000;

    /// <summary>Largest packet accepted from a client (whole packet); announced in CONNACK (5.0).</summary>
    public uint MaximumPacketSize { get; set; } = 1024 * 1024;

    /// <summary>Longest topic name or filter in characters.</summary>
    public int MaximumTopicLength { get; set; } = 1024;

    /// <summary>Most levels ('/'-separated) in a topic name or filter.</summary>
    public int MaximumTopicLevels { get; set; } = 32;

    /// <summary>Topic filters one session may hold; more are refused with SUBACK Quota exceeded (0x97).</summary>
    public int MaximumSubscriptionsPerClient { get; set; } = 1_000;

    /// <summary>
    /// Receive Maximum announced to clients (unacknowledged QoS 2 publishes a client may have open), and
    /// the cap on QoS 1/2 messages the broker has in flight to one client. 1,024: at 10,000 messages/s a
    /// window of 100 is 10 ms of traffic, so any pause of the consumer longer than that (its GC, a busy
    /// machine) held delivery back and queued behind the window, and the backlog drained one
    /// acknowledgement round trip per window (bench/mqtt, 2026-11-22 session 6).
    /// </summary>
    public ushort MaximumInFlightMessages { get; set; } = 1024;

    /// <summary>Messages queued per session beyond the in-flight window (offline, or a slow reader).</summary>
    public int MaximumQueuedMessages { get; set; } = 1_000;

    /// <summary>
    /// A subscriber with messages queued behind its receive window slows its publishers down (they wait
    /// for it before their next message); one that acknowledges nothing for this long is stalled:
    /// publishers stop waiting for it, and messages beyond its queue bound are dropped (counted in
    /// <c>$SYS</c> and the metrics) until it acknowledges again.
    /// </summary>
    public TimeSpan SubscriberStallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that sends no complete CONNECT within this time is closed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest keep-alive granted in seconds. 5.0 clients asking more (or 0) get this as Server Keep
    /// Alive; 3.1.1 clients asking more are refused (3.1.1 cannot tell a client to use another value).
    /// </summary>
    public ushort MaximumKeepAlive { get; set; } = 600;

    /// <summary>Largest Session Expiry Interval granted in seconds (3.1.1 persistent sessions get this).</summary>
    public uint MaximumSessionExpiryInterval { get; set; } = 7 * 24 * 3600;

    /// <summary>Topic Alias Maximum announced to 5.0 clients for their publishes; 0 disables aliases.</summary>
    public ushort TopicAliasMaximum { get; set; } = 64;

    /// <summary>Retained messages kept at most; a new retained topic beyond it is not retained.</summary>
    public int MaximumRetainedMessages { get; set; } = 100_000;

    /// <summary>How often $SYS statistics are published; zero disables them.</summary>
    public TimeSpan SysInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Granularity of keep-alive, connect-timeout, will-delay and session-expiry checks.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Bytes buffered in the transport before outbound packets are flushed within a batch.</summary>
    public int OutboundFlushThreshold { get; set; } = 64 * 1024;

    /// <summary>Returns every problem with the options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, MaximumConnections > 0, "MaximumConnections must be positive.");
        Check(errors, MaximumPacketSize is >= 128 and <= ProtocolMaximumPacketSize, $"MaximumPacketSize must be between 128 and {ProtocolMaximumPacketSize}.");
        Check(errors, MaximumTopicLength is > 0 and <= 65_535, "MaximumTopicLength must be between 1 and 65535.");
        Check(errors, MaximumTopicLevels > 0, "MaximumTopicLevels must be positive.");
        Check(errors, MaximumSubscriptionsPerClient > 0, "MaximumSubscriptionsPerClient must be positive.");
        Check(errors, MaximumInFlightMessages > 0, "MaximumInFlightMessages must be positive.");
        Check(errors, MaximumQueuedMessages >= 0, "MaximumQueuedMessages must not be negative.");
        Check(errors, ConnectTimeout > TimeSpan.Zero, "ConnectTimeout must be positive.");
        Check(errors, SubscriberStallTimeout > TimeSpan.Zero && SubscriberStallTimeout <= TimeSpan.FromMinutes(10), "SubscriberStallTimeout must be between 0 and 10 minutes.");
        Check(errors, MaximumKeepAlive > 0, "MaximumKeepAlive must be positive.");
        Check(errors, MaximumRetainedMessages >= 0, "MaximumRetainedMessages must not be negative.");
        Check(errors, SysInterval >= TimeSpan.Zero, "SysInterval must not be negative.");
        Check(errors, HousekeepingInterval > TimeSpan.Zero && HousekeepingInterval <= TimeSpan.FromSeconds(10), "HousekeepingInterval must be between 0 and 10 seconds.");
        Check(errors, OutboundFlushThreshold >= 1024, "OutboundFlushThreshold must be at least 1024 bytes.");
        return errors;
    }

    private static void Check(List<string> errors, bool condition, string error)
    {
        if (!condition)
        {
            errors.Add(error);
        }
    }
}
