namespace Proxus.Server.Monitoring;

/// <summary>Raises an alert for each agent offline for longer than <see cref="AlertRuleOptions.AgentOfflineAfter"/>, once per outage.</summary>
internal static class AgentOfflineRule
{
    public static IReadOnlyList<AlertCandidate> Evaluate(IEnumerable<AgentPresence> agents, AlertRuleOptions options, DateTimeOffset now)
    {
        if (!options.IsEnabled(AlertRules.AgentOffline))
        {
            return [];
        }

        var candidates = new List<AlertCandidate>();
        foreach (var agent in agents)
        {
            if (agent.Online || now - agent.Since < options.AgentOfflineAfter)
            {
                continue;
            }

            var minutes = (long)(now - agent.Since).TotalMinutes;
            candidates.Add(new AlertCandidate(
                AlertRules.AgentOffline,
                AlertSeverity.High,
                $"agent:{agent.AgentId:D}",
                $"agent:{agent.AgentId:D} has been offline since {AlertText.Time(agent.Since)} ({minutes} min)",
                now,
                Details: new Dictionary<string, string?> { ["offlineSince"] = agent.Since.ToString("O", System.Globalization.CultureInfo.InvariantCulture) })
            {
                EpisodeStart = agent.Since,
            });
        }

        return candidates;
    }
}
