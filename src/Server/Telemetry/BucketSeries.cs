namespace Proxus.Server.Telemetry;

/// <summary>
/// Folds the values of one tag, fed in time order, into buckets of a fixed width aligned on an
/// origin (as <c>date_bin</c> does): one pass, one bucket in memory, whatever the number of values.
/// </summary>
internal sealed class BucketSeries(string tag, DateTimeOffset origin, TimeSpan width)
{
    private readonly long _origin = UnixMicroseconds.From(origin);
    private readonly long _width = Math.Max(1, width.Ticks / TimeSpan.TicksPerMicrosecond);
    private BucketAccumulator _current = new();
    private long _index = long.MinValue;

    /// <summary>Adds a value at <paramref name="microseconds"/> (Unix, not before the origin); returns the bucket it closed, if any.</summary>
    public HistoryBucket? Add(long microseconds, double value)
    {
        HistoryBucket? closed = null;
        var index = (microseconds - _origin) / _width;
        if (index != _index && _current.Count > 0)
        {
            closed = Finish();
            _current = new BucketAccumulator();
        }

        _index = index;
        _current.Add(value);
        return closed;
    }

    /// <summary>The last, still open bucket; null when no value was added.</summary>
    public HistoryBucket? Finish() => _current.Count > 0 ? _current.ToBucket(tag, UnixMicroseconds.To(_origin + (_index * _width))) : null;
}
