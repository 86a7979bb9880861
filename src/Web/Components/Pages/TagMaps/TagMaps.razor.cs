using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>The sites the caller may see, each with its current tag-map version.</summary>
public sealed partial class TagMaps
{
    private IReadOnlyList<TagMapSiteView>? _sites;

    [Inject]
    private ITagMapDirectory Directory { get; set; } = default!;

    protected override async Task OnInitializedAsync()
        => _sites = await Directory.ListSitesAsync(await CallerAsync(), CancellationToken.None);
}
