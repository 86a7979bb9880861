using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>The hierarchy: sites, each with its agents and their certificate state.</summary>
public sealed partial class Sites
{
    private IReadOnlyList<SiteView>? _sites;
    private DateTimeOffset _now;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await CallAsync(async caller =>
        {
            _sites = await Fleet.ListSitesAsync(caller, CancellationToken.None);
            _now = Clock.GetUtcNow();
        });
    }
}
