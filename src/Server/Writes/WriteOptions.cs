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
}
