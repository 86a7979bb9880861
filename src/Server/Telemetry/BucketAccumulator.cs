namespace Proxus.Server.Telemetry;

/// <summary>Min, max, sum, first, last and count of the values of one bucket, fed in time order.</summary>
internal sealed class BucketAccumulator
{
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _sum;
    private double _first;
    private double _last;

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (Count == 0)
        {
            _first = value;
        }

        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _sum += value;
        _last = value;
        Count++;
    }

    public HistoryBucket ToBucket(string tag, DateTimeOffset start) => new(tag, start, _min, _max, _sum / Count, _first, _last, Count);
}
