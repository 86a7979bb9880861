namespace Proxus.Server.Configuration;

/// <summary>Why the server issued an agent a new configuration envelope.</summary>
public enum AgentConfigIssueCause
{
    /// <summary>The agent had none yet (first tag map of its site, or an agent added later).</summary>
    First,

    /// <summary>A new tag-map version changed what the agent runs.</summary>
    Changed,

    /// <summary>Same content, re-signed because the previous envelope is close to expiry.</summary>
    Renewal,
}
