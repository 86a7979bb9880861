using System.Collections.Concurrent;
using System.Globalization;

namespace Proxus.Server.Monitoring;

/// <summary>
/// Counts the PUBLISH packets of each agent (one interlocked increment on the broker's path) and, at
/// each evaluation, turns the counts into rates judged against each agent's own baseline
/// (<see cref="RateBaseline"/>). An interval without messages is not judged: an agent that stopped
/// is the offline rule's concern.
/// </summary>
internal sealed class PublishRateMonitor
{
    private readonly ConcurrentDictionary<Guid, Counter> _counters = new();
    private readonly Dictionary<Guid, RateBaseline> _baselines = [];
    private readonly Lock _sampling = new();
    private DateTimeOffset? _lastSample;

    /// <summary>Called by the broker hook for every PUBLISH an agent is allowed to send.</summary>
    public void Count(Guid agentId) => Interlocked.Increment(ref _counters.GetOrAdd(agentId, static _ => new Counter()).Value);

    /// <summary>Closes the interval since the previous sample; the first call only starts the clock.</summary>
    public IReadOnlyList<AlertCandidate> Sample(DateTimeOffset now, AlertRuleOptions options)
    {
        lock (_sampling)
        {
            var previous = _lastSample;
            _lastSample = now;
            var counts = _counters.Select(pair => (Agent: pair.Key, Count: Interlocked.Exchange(ref pair.Value.Value, 0))).ToList();
            if (previous is not { } start || now <= start)
            {
                return [];
            }

            var seconds = (now - start).TotalSeconds;
            var candidates = new List<AlertCandidate>();
            foreach (var (agent, count) in counts)
            {
                if (count == 0)
                {
                    continue;
                }

                if (!_baselines.TryGetValue(agent, out var baseline))
                {
                    baseline = new RateBaseline();
                    _baselines[agent] = baseline;
                }

                var mean = baseline.Mean;
                var rate = count / seconds;
                if (baseline.Add(rate, now, options) && options.IsEnabled(AlertRules.PublishRateAnomaly))
                {
                    candidates.Add(Candidate(agent, rate, mean, now, baseline.AnomalySince));
                }
            }

            return candidates;
        }
    }

    private static AlertCandidate Candidate(Guid agent, double rate, double mean, DateTimeOffset now, DateTimeOffset since)
    {
        var details = new Dictionary<string, string?>
        {
            ["ratePerSecond"] = rate.ToString("0.###", CultureInfo.InvariantCulture),
            ["baselinePerSecond"] = mean.ToString("0.###", CultureInfo.InvariantCulture),
        };
        var direction = rate > mean ? "above" : "below";
        var summary = $"agent:{agent:D} publishes {rate.ToString("0.##", CultureInfo.InvariantCulture)} msg/s, far {direction} its baseline of {mean.ToString("0.##", CultureInfo.InvariantCulture)} msg/s";
        return new AlertCandidate(AlertRules.PublishRateAnomaly, AlertSeverity.Medium, $"agent:{agent:D}", summary, now, Details: details) { EpisodeStart = since };
    }

    private sealed class Counter
    {
        public long Value;
    }
}
