using Proxus.TestSupport;

namespace Proxus.Bench.Agent;

/// <summary>The two phases of a run: reach the steady rate, then measure the agent over the window.</summary>
public static class BenchRun
{
    private static readonly TimeSpan SteadyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Waits until the subscriber receives the expected message rate (within 5 %) for five seconds
    /// in a row: enrolled, configured, connected to every simulator and the broker, JIT warm, and
    /// done with the backlog of its start (a rate above the expected one is a backlog draining).
    /// </summary>
    public static async Task WaitForSteadyRateAsync(UnsSubscriber subscriber, AgentProcess agent, double expectedRate, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + SteadyTimeout;
        var steady = 0;
        var last = subscriber.Messages;
        while (steady < 5)
        {
            if (agent.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The agent did not reach {expectedRate:N0} messages/s steadily (last second: {subscriber.Messages - last:N0}, {subscriber.Messages:N0} in all, subscriber connected: {subscriber.IsConnected}, {subscriber.Disconnects} disconnects). Agent status: {agent.ReadStatus()?.ToString() ?? "none"} Agent log: {agent.Log}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = subscriber.Messages;
            steady = Math.Abs(now - last - expectedRate) <= 0.05 * expectedRate ? steady + 1 : 0;
            last = now;
        }
    }

    /// <summary>Samples the agent's process every second for <paramref name="duration"/> and keeps the clock tag's latencies.</summary>
    public static async Task<BenchResult> MeasureAsync(int agentProcessId, UnsSubscriber subscriber, TimeSpan duration, CancellationToken cancellationToken)
    {
        var samples = new List<ProcessSample> { ProcessSample.Read(agentProcessId) };
        var messagesBefore = subscriber.Messages;
        var badBefore = subscriber.BadQualityMessages;
        subscriber.Record(on: true);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (samples[^1].At - samples[0].At < duration && await timer.WaitForNextTickAsync(cancellationToken))
        {
            samples.Add(ProcessSample.Read(agentProcessId));
        }

        subscriber.Record(on: false);
        var memory = MemoryMap.Read(agentProcessId);
        var seconds = (samples[^1].At - samples[0].At).TotalSeconds;
        var (changeToSubscriber, readToSubscriber, everyChangeToSubscriber) = subscriber.Latencies();
        return new BenchResult(
            samples,
            (subscriber.Messages - messagesBefore) / seconds,
            subscriber.BadQualityMessages - badBefore,
            changeToSubscriber,
            readToSubscriber,
            everyChangeToSubscriber,
            memory);
    }
}
