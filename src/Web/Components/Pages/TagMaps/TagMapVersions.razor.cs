using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>
/// A site's tag-map versions with author, time and comment, downloads, the diff between any two
/// (a GET form: <c>?from=A&amp;to=B</c>, so a diff is a link), and roll back for editors.
/// </summary>
public sealed partial class TagMapVersions
{
    private TagMapSiteView? _site;
    private IReadOnlyList<TagMapVersionView> _versions = [];
    private TagMapDiffView? _diff;
    private bool _canEdit;
    private int _from;
    private int _to;

    [Parameter]
    public Guid SiteId { get; set; }

    [Inject]
    private ITagMapDirectory TagMaps { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")]
    private int? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    private int? To { get; set; }

    [SupplyParameterFromQuery(Name = "published")]
    private int? Published { get; set; }

    [SupplyParameterFromQuery(Name = "issued")]
    private int? Issued { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var caller = await CallerAsync();
        _site = await TagMaps.GetSiteAsync(caller, SiteId, CancellationToken.None);
        if (_site is null)
        {
            return;
        }

        _canEdit = (await Authorization.AuthorizeAsync(caller, PortalPolicies.TagMapWrite)).Succeeded;
        _versions = await TagMaps.ListVersionsAsync(caller, SiteId, CancellationToken.None);
        if (_versions.Count == 0)
        {
            return;
        }

        // Without a choice: the newest version against the one before it.
        _to = To ?? _versions[0].Version;
        _from = From ?? (_versions.Count > 1 ? _versions[1].Version : _versions[0].Version);
        if (From is null && To is null)
        {
            return;
        }

        await CallAsync(async () =>
        {
            _diff = await TagMaps.DiffAsync(caller, SiteId, _from, _to, CancellationToken.None);
        });
    }
}
