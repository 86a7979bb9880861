namespace Proxus.Server.Configuration;

/// <summary>
/// A signed configuration envelope issued to one agent (docs/signed-config.md). Versions are
/// 1, 2, 3, ... per agent and never reused; the newest is what the agent is served.
/// </summary>
public sealed class AgentConfigEnvelope
{
    public Guid Id { get; set; }

    public Guid AgentId { get; set; }

    public long Version { get; set; }

    /// <summary>The tag-map version the configuration was compiled from.</summary>
    public Guid TagMapVersionId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>SHA-256 of the canonical configuration (the payload), to tell whether content changed.</summary>
    public required byte[] PayloadHash { get; set; }

    /// <summary>The exact envelope bytes the agent verifies.</summary>
    public required byte[] Envelope { get; set; }
}
