using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>Rolls a site's tag map back (a new version with an old version's content), after showing what changes and a confirmation with a comment.</summary>
public sealed partial class RollbackTagMap
{
    private TagMapSiteView? _site;
    private TagMapVersionView? _target;
    private TagMapVersionView? _current;
    private TagMapDiffView? _diff;
    private string? _conflictMessage;

    [Parameter]
    public Guid SiteId { get; set; }

    [Parameter]
    public int Version { get; set; }

    [Inject]
    private ITagMapDirectory TagMaps { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "rollback")]
    private RollbackInput? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new RollbackInput();
        var caller = await CallerAsync();
        _site = await TagMaps.GetSiteAsync(caller, SiteId, CancellationToken.None);
        if (_site is null)
        {
            return;
        }

        var versions = await TagMaps.ListVersionsAsync(caller, SiteId, CancellationToken.None);
        _target = versions.FirstOrDefault(v => v.Version == Version);
        _current = versions.Count > 0 ? versions[0] : null;
        if (_target is not null && _current is not null)
        {
            _diff = await TagMaps.DiffAsync(caller, SiteId, _current.Version, _target.Version, CancellationToken.None);
        }
    }

    private async Task RollbackAsync()
    {
        if (string.IsNullOrWhiteSpace(Input?.Comment))
        {
            Errors = ["Say in a comment why you roll back."];
            return;
        }

        await CallAsync(async caller =>
        {
            var result = await TagMaps.RollbackAsync(caller, SiteId, Version, Input.Comment, CancellationToken.None);
            switch (result.Outcome)
            {
                case TagMapChangeOutcome.Created:
                    Navigation.NavigateTo($"sites/{SiteId}/tag-map/versions?published={result.Version!.Version}&issued={result.AgentsIssued}");
                    break;
                case TagMapChangeOutcome.Unchanged:
                    _conflictMessage = $"The current version {result.Version?.Version} already has this content; nothing was published.";
                    break;
                case TagMapChangeOutcome.Conflict:
                    _conflictMessage = result.Current is { } now
                        ? $"Someone published version {now.Version} meanwhile ({now.Author}, {Components.Shared.Time.Utc(now.CreatedAt)}); nothing was saved. Review the changes above and confirm again."
                        : "The tag map changed meanwhile; nothing was saved.";
                    break;
                default:
                    Errors = [.. result.Errors.Select(e => e.ToString())];
                    break;
            }
        });
    }

    private sealed class RollbackInput
    {
        public string? Comment { get; set; }
    }
}
