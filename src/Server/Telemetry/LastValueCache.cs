using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Proxus.Server.Telemetry;

/// <summary>
/// The newest value of every tag, in memory, for the portal and <c>/api/v1/history/last</c>.
/// Loaded from the database on first use, then updated by the writer after each commit; a value
/// replaces the cached one only when its source timestamp is newer, so the order of updates does
/// not matter. It holds what this server node stored (see docs/telemetry.md for several nodes).
/// </summary>
public sealed class LastValueCache
{
    private readonly ConcurrentDictionary<string, LastValue> _values = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ITelemetryStore _store;
    private volatile bool _loaded;

    internal LastValueCache(ITelemetryStore store) => _store = store;

    /// <summary>The cached values of <paramref name="tags"/> (unknown tags are left out), loading the cache first if needed.</summary>
    public async Task<IReadOnlyList<LastValue>> GetAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        var found = new List<LastValue>(tags.Count);
        foreach (var tag in tags)
        {
            if (_values.TryGetValue(tag, out var value))
            {
                found.Add(value);
            }
        }

        return found;
    }

    /// <summary>Every cached value (loading the cache first if needed): the portal's UNS tree.</summary>
    public async Task<IReadOnlyList<LastValue>> GetAllAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return [.. _values.Values];
    }

    /// <summary>
    /// Merges committed points: newer source timestamps win. Only the newest point of each tag in
    /// the batch can, so only those become <see cref="LastValue"/>s; when it states no unit, the
    /// newest unit the batch stated for the tag goes with it (else <see cref="Merge"/> keeps the known one).
    /// </summary>
    internal void Update(IReadOnlyList<TelemetryPoint> points)
    {
        var newest = new Dictionary<string, (TelemetryPoint Point, TelemetryPoint? WithUnit)>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(newest, point.Path, out var exists);
            var withUnit = point.Unit is null ? slot.WithUnit : point;
            if (exists && point.Unit is not null && slot.WithUnit is { } stated && stated.SourceTimestamp > point.SourceTimestamp)
            {
                withUnit = stated;
            }

            slot = (!exists || point.SourceTimestamp > slot.Point.SourceTimestamp ? point : slot.Point, withUnit);
        }

        foreach (var (point, withUnit) in newest.Values)
        {
            if (!_values.TryGetValue(point.Path, out var current) || point.SourceTimestamp > current.Timestamp)
            {
                Merge(LastValue.From(point, point.Unit ?? withUnit?.Unit));
            }
        }
    }

    private void Merge(LastValue candidate)
    {
        while (true)
        {
            if (!_values.TryGetValue(candidate.Tag, out var current))
            {
                if (_values.TryAdd(candidate.Tag, candidate))
                {
                    return;
                }

                continue;
            }

            if (candidate.Timestamp <= current.Timestamp)
            {
                return;
            }

            // A point that states no unit keeps the one known for the tag.
            var merged = candidate.Unit is null && current.Unit is not null ? candidate with { Unit = current.Unit } : candidate;
            if (_values.TryUpdate(candidate.Tag, merged, current))
            {
                return;
            }
        }
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                foreach (var value in await _store.ReadLastValuesAsync(cancellationToken))
                {
                    Merge(value);
                }

                _loaded = true;
            }
        }
        finally
        {
            _loading.Release();
        }
    }
}
