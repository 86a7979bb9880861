namespace Proxus.Server.Monitoring;

/// <summary>
/// One agent's publish-rate baseline: an exponentially weighted moving average of its rate per
/// sample. Anomalous samples are kept out of the average (an attack must not become normal), unless
/// they persist for <see cref="AlertRuleOptions.RateRelearnAfterSamples"/> samples in a row, when the
/// baseline starts again from the new level.
/// </summary>
internal sealed class RateBaseline
{
    public double Mean { get; private set; }

    public int Samples { get; private set; }

    public int AnomalousInARow { get; private set; }

    /// <summary>When the current run of anomalous samples began.</summary>
    public DateTimeOffset AnomalySince { get; private set; }

    /// <summary>Takes one sample; true when it is anomalous against the baseline built so far.</summary>
    public bool Add(double rate, DateTimeOffset at, AlertRuleOptions options)
    {
        var judged = Samples >= options.RateWarmupSamples
            && Math.Max(Mean, rate) >= options.RateMinimumPerSecond
            && (rate > Mean * options.RateFactor || rate * options.RateFactor < Mean);
        if (!judged)
        {
            AnomalousInARow = 0;
            Learn(rate, options.RateSmoothing);
            return false;
        }

        if (AnomalousInARow == 0)
        {
            AnomalySince = at;
        }

        AnomalousInARow++;
        if (AnomalousInARow >= options.RateRelearnAfterSamples)
        {
            Mean = rate;
            Samples = 1;
            AnomalousInARow = 0;
        }

        return true;
    }

    private void Learn(double rate, double smoothing)
    {
        Mean = Samples == 0 ? rate : (smoothing * rate) + ((1 - smoothing) * Mean);
        Samples++;
    }
}
