namespace Proxus.Server.Configuration;

/// <summary>What an agent did with a configuration version it fetched.</summary>
public enum AgentConfigReportStatus
{
    /// <summary>Verified and applied; the agent runs it now.</summary>
    Applied,

    /// <summary>Refused (a failed check); the agent keeps running its previous configuration.</summary>
    Rejected,
}
