using System.Diagnostics.Metrics;
using System.Globalization;

namespace Proxus.Mqtt.Tests.Broker.Support;

/// <summary>
/// A meter factory of its own and a listener that reads only the meters it created, so brokers of
/// other tests running in parallel never show up in the figures.
/// </summary>
public sealed class MetricsProbe : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);

    public MetricsProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == this)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        options.Scope = this;
        var meter = new Meter(options);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    /// <summary>Reads every observable instrument; keys are "name" or "name{tag=value,...}".</summary>
    public IReadOnlyDictionary<string, long> Collect()
    {
        lock (_values)
        {
            _values.Clear();
            _listener.RecordObservableInstruments();
            return new Dictionary<string, long>(_values, StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
        }
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name;
        if (tags.Length > 0)
        {
            var labels = new List<string>();
            foreach (var tag in tags)
            {
                labels.Add(string.Create(CultureInfo.InvariantCulture, $"{tag.Key}={tag.Value}"));
            }

            key += "{" + string.Join(',', labels) + "}";
        }

        lock (_values)
        {
            _values[key] = value;
        }
    }
}
