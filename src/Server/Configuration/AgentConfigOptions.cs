namespace Proxus.Server.Configuration;

/// <summary>Signed agent configurations (configuration section <c>AgentConfig</c>).</summary>
public sealed class AgentConfigOptions
{
    public const string Section = "AgentConfig";

    /// <summary>
    /// How long a signed envelope is valid. The server re-issues an agent's configuration (same
    /// content, next version) when a third of this is left, so a connected agent never runs an
    /// expired one.
    /// </summary>
    public TimeSpan EnvelopeLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the server looks for envelopes due for renewal and agents without one.</summary>
    public TimeSpan RenewalCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The remaining validity at which an envelope is re-issued.</summary>
    public TimeSpan RenewalThreshold => EnvelopeLifetime / 3;
}
