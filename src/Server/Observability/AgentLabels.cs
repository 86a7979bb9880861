namespace Proxus.Server.Observability;

/// <summary>How an agent's series are labelled: its site's and its own name (from the fleet), and its id.</summary>
internal sealed record AgentLabels(string Site, string Agent, string AgentId)
{
    /// <summary>For an agent the fleet does not know (deleted, or not looked up yet): no site, the id as its name.</summary>
    public static AgentLabels Unknown(Guid agentId) => new(string.Empty, agentId.ToString("D"), agentId.ToString("D"));

    public KeyValuePair<string, object?>[] Tags() => [new("site", Site), new("agent", Agent), new("agent_id", AgentId)];
}
