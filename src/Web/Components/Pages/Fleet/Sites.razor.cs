using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>The hierarchy: sites, each with its agents and their certificate state.</summary>
public sealed partial class Sites
{
    private IReadOnlyList<SiteView>? _sites;
    private IReadOnlyList<string> _errors = [];
    private DateTimeOffset _now;

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _sites = await Fleet.ListSitesAsync((await AuthenticationState).User, CancellationToken.None);
            _now = Clock.GetUtcNow();
        }
        catch (PortalException e)
        {
            _errors = e.Details;
        }
    }
}
