using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Components.Shared;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>
/// A site's tag map: the current version's tags, searched, sorted and paged on the server (the
/// state in the URL), with edit links, upload, history and downloads for those who may use them.
/// </summary>
public sealed partial class SiteTagMap
{
    private TagMapSiteView? _site;
    private TagPageView? _page;
    private TagGridState _state = TagGridState.Default;
    private bool _canEdit;

    [Parameter]
    public Guid SiteId { get; set; }

    [Inject]
    private ITagMapDirectory TagMaps { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>Set after a change: the version just published.</summary>
    [SupplyParameterFromQuery(Name = "published")]
    private int? Published { get; set; }

    [SupplyParameterFromQuery(Name = "issued")]
    private int? Issued { get; set; }

    /// <summary>"Version 4 is published; 2 agent configurations were issued and the agents were told."</summary>
    internal static string? PublishedMessage(int? version, int? issued) => version is { } v
        ? $"Version {v.ToString(CultureInfo.InvariantCulture)} is published; {IssuedText(issued ?? 0)}"
        : null;

    private static string IssuedText(int issued) => issued switch
    {
        0 => "no agent's configuration changed.",
        1 => "1 agent configuration was issued and its agent was told.",
        _ => $"{Plural.Of(issued, "agent configuration", "agent configurations")} were issued and the agents were told.",
    };

    protected override async Task OnParametersSetAsync()
    {
        var caller = await CallerAsync();
        _state = GridState;
        _site = await TagMaps.GetSiteAsync(caller, SiteId, CancellationToken.None);
        if (_site is null)
        {
            return;
        }

        _canEdit = (await Authorization.AuthorizeAsync(caller, PortalPolicies.TagMapWrite)).Succeeded;
        await CallAsync(async () =>
        {
            _page = await TagMaps.GetTagsAsync(caller, SiteId, _state.ToQuery(), CancellationToken.None);
        });
    }
}
