namespace Proxus.Server.Writes;

/// <summary>Governed writes (section <c>Writes</c>), validated at start-up.</summary>
public sealed class WriteOptions
{
    public const string Section = "Writes";

    /// <summary>How long a request without an execution window waits for approval and dispatch.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a dispatched command stays valid on the agent (whole seconds).</summary>
    public TimeSpan CommandLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The agents' clock-skew allowance: a command times out this long after it expired.</summary>
    public TimeSpan AgentClockSkew { get; set; } = Core.Commands.CommandVerifier.DefaultClockSkew;

    /// <summary>How often expiry, dispatch and time-outs are checked (and at once after an approval).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The broker the results listener connects to as an MQTT client (e.g. <c>mqtt://127.0.0.1:1883</c>,
    /// the embedded broker's loopback listener); empty: results are not consumed and dispatched
    /// requests time out.
    /// </summary>
    public string ResultsBroker { get; set; } = string.Empty;

    /// <summary>The client id of the results listener.</summary>
    public string ResultsClientId { get; set; } = "proxus-server-writes";
}
