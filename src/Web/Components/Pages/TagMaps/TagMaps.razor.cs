using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>The sites the caller may see, each with its current tag-map version.</summary>
public sealed partial class TagMaps
{
    private IReadOnlyList<TagMapSiteView>? _sites;

    [Inject]
    private ITagMapDirectory Directory { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
        => _sites = await Directory.ListSitesAsync((await AuthenticationState).User, CancellationToken.None);
}
