using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Proxus.Server.Identity;
using Proxus.Server.Telemetry;
using Proxus.Web.Services;

namespace Proxus.Server.Portal;

/// <summary>
/// The portal's UNS over the <see cref="LastValueCache"/> (current values) and the telemetry store
/// (history). Like the history API, a caller sees the tags of the sites <see cref="TagAccess"/>
/// lets them see (OtEngineers their assigned sites, every other role every site).
/// </summary>
internal sealed class UnsExplorer(LastValueCache lastValues, ITelemetryStore store, IOptions<TelemetryOptions> options, PortalAuthorization authorization, TagAccess access) : IUnsExplorer
{
    /// <summary>Raw points a chart gets at most; a longer range needs aggregation.</summary>
    internal const int MaxRawPoints = 20_000;

    public async Task<IReadOnlyList<TagValueView>> ListValuesAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.HistoryRead);
        var scope = await access.ScopeAsync(caller, cancellationToken);
        var values = await lastValues.GetAllAsync(cancellationToken);
        return values.Where(v => scope.Covers(v.Tag)).OrderBy(v => v.Tag, StringComparer.Ordinal)
            .Select(v => new TagValueView(v.Tag, Format(v.Value), v.Unit, v.Quality, v.Timestamp))
            .ToList();
    }

    public async Task<TagHistoryView> GetHistoryAsync(ClaimsPrincipal caller, string tag, DateTimeOffset from, DateTimeOffset to, TimeSpan? bucket, CancellationToken cancellationToken)
    {
        await authorization.RequireAsync(caller, IamPolicies.HistoryRead);
        if (!UnsTopic.IsValid(tag))
        {
            throw new PortalException("The tag is not a valid UNS path.");
        }

        if (to <= from)
        {
            throw new PortalException("The end of the range must be after its start.");
        }

        if (!(await access.ScopeAsync(caller, cancellationToken)).Covers(tag))
        {
            throw new PortalException("None of your sites has this tag.");
        }

        var unit = (await lastValues.GetAsync([tag], cancellationToken)) is [var last] ? last.Unit : null;
        return bucket is { } width
            ? await AggregatesAsync(tag, unit, from.ToUniversalTime(), to.ToUniversalTime(), width, cancellationToken)
            : await RawAsync(tag, unit, from.ToUniversalTime(), to.ToUniversalTime(), cancellationToken);
    }

    private async Task<TagHistoryView> RawAsync(string tag, string? unit, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var values = new List<double?>();
        await foreach (var point in store.ReadRawAsync(tag, from, to, MaxRawPoints + 1, cancellationToken))
        {
            if (times.Count == MaxRawPoints)
            {
                return new TagHistoryView(tag, unit, times, [new HistorySeries("value", values)], Truncated: true);
            }

            times.Add(point.Timestamp.ToUnixTimeMilliseconds() / 1000.0);
            values.Add(point.Quality == TelemetryQualityNames.Good ? Numeric(point.Value) : null);
        }

        return new TagHistoryView(tag, unit, times, [new HistorySeries("value", values)], Truncated: false);
    }

    private async Task<TagHistoryView> AggregatesAsync(string tag, string? unit, DateTimeOffset from, DateTimeOffset to, TimeSpan width, CancellationToken cancellationToken)
    {
        if (width <= TimeSpan.Zero || (to - from).Ticks / width.Ticks > options.Value.MaxBuckets)
        {
            throw new PortalException($"The range holds more than {options.Value.MaxBuckets} buckets of this width; choose a wider bucket.");
        }

        var times = new List<double>();
        var min = new List<double?>();
        var avg = new List<double?>();
        var max = new List<double?>();
        await foreach (var bucket in store.ReadAggregatesAsync(tag, from, to, width, cancellationToken))
        {
            times.Add(bucket.Start.ToUnixTimeMilliseconds() / 1000.0);
            min.Add(bucket.Min);
            avg.Add(bucket.Avg);
            max.Add(bucket.Max);
        }

        return new TagHistoryView(tag, unit, times, [new HistorySeries("min", min), new HistorySeries("avg", avg), new HistorySeries("max", max)], Truncated: false);
    }

    private static double? Numeric(object? value) => value switch
    {
        double d when double.IsFinite(d) => d,
        float f when float.IsFinite(f) => f,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        decimal m => (double)m,
        _ => null,
    };

    private static string Format(object? value) => value switch
    {
        null => "—",
        bool b => b ? "true" : "false",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
