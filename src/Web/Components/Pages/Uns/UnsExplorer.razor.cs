using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Uns;

/// <summary>
/// The live topic tree with current values, units and quality (refreshed in place), and the
/// selected tag's history as a uPlot chart over a chosen range, raw or aggregated.
/// </summary>
public sealed partial class UnsExplorer
{
    internal static readonly (string Key, string Label, TimeSpan Span)[] Ranges =
    [
        ("15m", "Last 15 minutes", TimeSpan.FromMinutes(15)),
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("6h", "Last 6 hours", TimeSpan.FromHours(6)),
        ("24h", "Last 24 hours", TimeSpan.FromHours(24)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
    ];

    internal static readonly (string Key, string Label, TimeSpan? Width)[] Buckets =
    [
        ("raw", "Raw values", null),
        ("10s", "10 s buckets", TimeSpan.FromSeconds(10)),
        ("1m", "1 min buckets", TimeSpan.FromMinutes(1)),
        ("5m", "5 min buckets", TimeSpan.FromMinutes(5)),
        ("1h", "1 h buckets", TimeSpan.FromHours(1)),
    ];

    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web);

    private TopicTree? _tree;
    private TagValueView? _current;
    private TagHistoryView? _history;
    private string? _historyJson;
    private DateTimeOffset _loadedAt;
    private DateTimeOffset _from;
    private DateTimeOffset _to;

    [Inject]
    private IUnsExplorer Explorer { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "tag")]
    private string? Tag { get; set; }

    [SupplyParameterFromQuery(Name = "range")]
    private string? RangeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "bucket")]
    private string? BucketParameter { get; set; }

    private string RangeKey => Ranges.Any(r => r.Key == RangeParameter) ? RangeParameter! : "1h";

    private string BucketKey => Buckets.Any(b => b.Key == BucketParameter) ? BucketParameter! : "raw";

    private string HistoryQuery => $"range={RangeKey}&bucket={BucketKey}";

    protected override async Task OnParametersSetAsync()
    {
        var caller = await CallerAsync();
        try
        {
            var values = await Explorer.ListValuesAsync(caller, CancellationToken.None);
            _loadedAt = Clock.GetUtcNow();
            _tree = TopicTree.Build(values);
            if (string.IsNullOrEmpty(Tag))
            {
                Tag = null;
                return;
            }

            _current = values.FirstOrDefault(v => v.Topic == Tag);
            _to = _loadedAt;
            _from = _to - Ranges.Single(r => r.Key == RangeKey).Span;
            _history = await Explorer.GetHistoryAsync(caller, Tag, _from, _to, Buckets.Single(b => b.Key == BucketKey).Width, CancellationToken.None);
            _historyJson = JsonSerializer.Serialize(new { unit = _history.Unit, times = _history.Times, series = _history.Series }, ChartJson);
        }
        catch (PortalException e)
        {
            Errors = e.Details;
        }
    }
}
