using System.Globalization;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Audit;

/// <summary>
/// The audit log for auditors: filter by time, actor and event type (a GET form, so a filtered
/// view is a link), page by sequence, export the same filter through the REST API, and the
/// chain's verification, run on every visit.
/// </summary>
public sealed partial class AuditLog
{
    internal const int PageSize = 100;

    private IReadOnlyList<AuditEntryView>? _entries;
    private AuditChainStatus? _chain;

    [Inject]
    private IAuditTrail Trail { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")]
    private string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private string? ToText { get; set; }

    [SupplyParameterFromQuery(Name = "actor")]
    private string? Actor { get; set; }

    [SupplyParameterFromQuery(Name = "type")]
    private string? Type { get; set; }

    [SupplyParameterFromQuery(Name = "after")]
    private long After { get; set; }

    private DateTimeOffset? From => ParseUtc(FromText);

    private DateTimeOffset? To => ParseUtc(ToText);

    /// <summary>A <c>datetime-local</c> value (no offset) read as UTC; null when empty or malformed.</summary>
    internal static DateTimeOffset? ParseUtc(string? text)
        => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    protected override async Task OnParametersSetAsync()
    {
        var caller = await CallerAsync();
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(FromText) && From is null)
        {
            errors.Add("The start time is not a date and time.");
        }

        if (!string.IsNullOrEmpty(ToText) && To is null)
        {
            errors.Add("The end time is not a date and time.");
        }

        if (From is { } from && To is { } to && to <= from)
        {
            errors.Add("The end time must be after the start time.");
        }

        Errors = errors;
        await CallAsync(async () =>
        {
            _chain = await Trail.VerifyAsync(caller, CancellationToken.None);
            _entries = errors.Count > 0 ? [] : await Trail.QueryAsync(caller, new AuditFilter(From, To, Actor, Type, Math.Max(0, After)), PageSize, CancellationToken.None);
        });
    }

    /// <summary>
    /// An actor or an event type cut where a narrow column may wrap it: after each dot of a name
    /// (<c>configuration.</c> <c>agent-config-issued</c>) and before the <c>@</c> of an address
    /// (<c>user:alice</c> <c>@127.0.0.1</c>; the address itself is never cut), so that every column of
    /// the table fits a 1280 px window.
    /// </summary>
    internal static IReadOnlyList<string> Pieces(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length && text[start] != '@'; i++)
        {
            var cut = text[i] == '.' ? i + 1 : text[i] == '@' ? i : -1;
            if (cut > start && cut < text.Length)
            {
                pieces.Add(text[start..cut]);
                start = cut;
            }
        }

        pieces.Add(text[start..]);
        return pieces;
    }

    private static string Local(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty;

    private string Query(long? after)
    {
        var parts = new List<string>();
        Add(parts, "from", From?.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "to", To?.ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "actor", Actor);
        Add(parts, "type", Type);
        if (after is > 0)
        {
            Add(parts, "after", after.Value.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    private string PageUrl(long after) => "audit?" + Query(after);

    /// <summary>The REST API's export of the same filter; the session cookie authorizes the download.</summary>
    private string ExportUrl(string format) => $"api/v1/audit/export?format={format}&" + Query(null);

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
        }
    }
}
