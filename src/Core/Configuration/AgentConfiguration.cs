using Proxus.Core.Model;

namespace Proxus.Core.Configuration;

/// <summary>
/// The effective configuration of one agent: the connections it polls and their tags, compiled
/// from the site's tag map by <see cref="AgentConfigurationCompiler"/>, and the site's control-write
/// policy (the command-signing key and the diode mode). This is the payload of a signed
/// <see cref="ConfigEnvelope"/>. Equality compares the lists element by element.
/// </summary>
public sealed record AgentConfiguration(string AgentId, Site Site, IReadOnlyList<Connection> Connections, IReadOnlyList<Tag> Tags)
{
    /// <summary>
    /// The public key the agent verifies control commands with: base64 of its DER
    /// SubjectPublicKeyInfo (ECDSA P-256). Null when the server hands out none: every command is refused.
    /// </summary>
    public string? CommandKey { get; init; }

    /// <summary>
    /// The site is read-only ("diode mode"): the agent refuses every command, whatever its
    /// signature. On unless the site's writes were enabled, so writes are off by default.
    /// </summary>
    public bool DiodeMode { get; init; } = true;

    public bool Equals(AgentConfiguration? other) =>
        other is not null
        && AgentId == other.AgentId
        && Site.Equals(other.Site)
        && Connections.SequenceEqual(other.Connections)
        && Tags.SequenceEqual(other.Tags)
        && CommandKey == other.CommandKey
        && DiodeMode == other.DiodeMode;

    public override int GetHashCode() => HashCode.Combine(AgentId, Site, Connections.Count, Tags.Count, CommandKey, DiodeMode);
}
