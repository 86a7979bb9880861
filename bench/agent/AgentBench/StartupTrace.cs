using System.Globalization;
using System.Text;

namespace Proxus.Bench.Agent;

/// <summary>
/// The agent's resident set every 100 ms from its start (enrollment done, <c>proxus-agent run</c>
/// started) to the end of the window: where the start-up peak falls (configuration applied,
/// first connections, the backlog drained) and how far the steady state swings.
/// </summary>
public sealed class StartupTrace : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly List<(double Seconds, long RssKiB)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private double? _steadyAt;

    private StartupTrace(int processId)
    {
        _sampling = SampleAsync(processId, _stop.Token);
    }

    /// <summary>Starts sampling <paramref name="processId"/> now.</summary>
    public static StartupTrace Start(int processId) => new(processId);

    /// <summary>Marks the moment the subscriber's rate became steady.</summary>
    public void MarkSteady()
    {
        lock (_samples)
        {
            _steadyAt = _samples.Count > 0 ? _samples[^1].Seconds : 0;
        }
    }

    /// <summary>The maximum of each second and where the start-up's maximum fell.</summary>
    public string Summary()
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return "no samples";
            }

            var c = CultureInfo.InvariantCulture;
            var peak = _samples.MaxBy(sample => sample.RssKiB);
            var text = new StringBuilder()
                .Append(c, $"max {peak.RssKiB * 1024 / 1e6:N1} MB at {peak.Seconds:N1} s; steady rate from {_steadyAt ?? double.NaN:N1} s; per-second max (MB): ");
            var perSecond = _samples.GroupBy(sample => (int)sample.Seconds).Take(40).Select(second => (second.Max(sample => sample.RssKiB) * 1024 / 1e6).ToString("N0", c));
            return text.AppendJoin(' ', perSecond).ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(int processId, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                ProcessSample sample;
                try
                {
                    sample = ProcessSample.Read(processId);
                }
                catch (IOException)
                {
                    return;
                }

                lock (_samples)
                {
                    _samples.Add(((sample.At - started).TotalSeconds, sample.RssKiB));
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The window ended.
        }
    }
}
