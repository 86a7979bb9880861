using Microsoft.AspNetCore.Components;
using Proxus.Web.Components.Shared;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Writes;

/// <summary>
/// Control-write requests the caller may see, newest first: filter by state, site, requester and
/// time (a GET form, so a filtered view is a link), page through them, refreshed every 5 s; the
/// write log export of the same filter for Auditors and Admins.
/// </summary>
public sealed partial class WriteRequests
{
    internal const int PageSize = 50;

    private WriteRequestPage? _page;
    private IReadOnlyList<SiteView> _sites = [];

    [Inject]
    private IControlWrites Writes { get; set; } = default!;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "state")]
    private string? State { get; set; }

    [SupplyParameterFromQuery(Name = "site")]
    private Guid? Site { get; set; }

    [SupplyParameterFromQuery(Name = "requester")]
    private string? Requester { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    private string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private string? ToText { get; set; }

    [SupplyParameterFromQuery(Name = "offset")]
    private int Offset { get; set; }

    private DateTimeOffset? From => UtcInput.Parse(FromText);

    private DateTimeOffset? To => UtcInput.Parse(ToText);

    protected override async Task OnParametersSetAsync()
    {
        var caller = await CallerAsync();
        Offset = Math.Max(0, Offset);
        var errors = UtcInput.RangeErrors(FromText, ToText);
        Errors = errors;
        try
        {
            _sites = await Fleet.ListSitesAsync(caller, CancellationToken.None);
            _page = errors.Count > 0
                ? new WriteRequestPage([], false)
                : await Writes.ListAsync(caller, new WriteRequestFilter(Site, State, Requester, From, To, Offset), PageSize, CancellationToken.None);
        }
        catch (PortalException e)
        {
            Errors = e.Details;
            _page = new WriteRequestPage([], false);
        }
    }

    private string Query(int offset, bool forExport)
    {
        var parts = new List<string>();
        UtcInput.Add(parts, "state", State);
        UtcInput.Add(parts, "site", Site?.ToString("D"));
        UtcInput.Add(parts, "requester", Requester);
        UtcInput.Add(parts, "from", forExport ? UtcInput.Iso(From) : FromText);
        UtcInput.Add(parts, "to", forExport ? UtcInput.Iso(To) : ToText);
        if (offset > 0)
        {
            UtcInput.Add(parts, "offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    private string PageUrl(int offset) => "writes?" + Query(offset, forExport: false);

    /// <summary>The REST API's write log of the same filter (every timeline step); the session cookie authorizes the download.</summary>
    private string ExportUrl(string format) => $"api/v1/writes/export?format={format}&" + Query(0, forExport: true);
}
