using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>
/// Edits one tag in place: the grid as it was, with that tag's row turned into a form of all its
/// fields and a comment. Saving publishes a new version (the whole tag map validated again); errors
/// are shown on their fields, and a version published by someone else meanwhile is explained.
/// </summary>
public sealed partial class EditTag
{
    private TagMapSiteView? _site;
    private TagPageView? _page;
    private TagView? _tag;
    private TagGridState _state = TagGridState.Default;
    private Dictionary<string, List<string>> _fieldErrors = [];
    private string? _message;
    private TagMapVersionView? _conflict;

    [Parameter]
    public Guid SiteId { get; set; }

    [Inject]
    private ITagMapDirectory TagMaps { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The path of the tag being edited, in the current version.</summary>
    [SupplyParameterFromQuery(Name = "path")]
    private string? Path { get; set; }

    [SupplyParameterFromForm(FormName = "edit-tag")]
    private TagInput? Input { get; set; }

    private string EditUrl => $"sites/{SiteId}/tag-map/edit?path={Uri.EscapeDataString(Path ?? string.Empty)}" + (_state.ToQueryString() is { Length: > 0 } q ? "&" + q : string.Empty);

    protected override async Task OnInitializedAsync()
    {
        var caller = await CallerAsync();
        _state = GridState;
        _site = await TagMaps.GetSiteAsync(caller, SiteId, CancellationToken.None);
        if (_site is null || string.IsNullOrEmpty(Path))
        {
            return;
        }

        await CallAsync(async () =>
        {
            _page = await TagMaps.GetTagsAsync(caller, SiteId, _state.ToQuery(), CancellationToken.None);
            _tag = await TagMaps.GetTagAsync(caller, SiteId, Path, CancellationToken.None);
        });

        if (_tag is not null && _page is not null && Input is null)
        {
            Input = new TagInput
            {
                BaseVersion = _page.Version.Version,
                Fields = TagMaps.TagFieldNames.ToDictionary(f => f, f => _tag.Field(f), StringComparer.Ordinal),
            };
        }

        Input ??= new TagInput();
    }

    private async Task SaveAsync()
    {
        var input = Input!;
        _fieldErrors = [];
        if (string.IsNullOrWhiteSpace(input.Comment))
        {
            _fieldErrors["comment"] = ["Say in a comment what changes and why."];
            return;
        }

        // Only the known fields, empty ones as "not given".
        var fields = TagMaps.TagFieldNames.ToDictionary(
            f => f,
            f => input.Fields.GetValueOrDefault(f) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null,
            StringComparer.Ordinal);
        await CallAsync(async caller =>
        {
            var result = await TagMaps.EditTagAsync(caller, SiteId, Path!, fields, input.BaseVersion, input.Comment, CancellationToken.None);
            switch (result.Outcome)
            {
                case TagMapChangeOutcome.Created:
                    var query = _state.ToQueryString();
                    Navigation.NavigateTo($"sites/{SiteId}/tag-map?published={result.Version!.Version}&issued={result.AgentsIssued}" + (query.Length > 0 ? "&" + query : string.Empty));
                    break;
                case TagMapChangeOutcome.Unchanged:
                    _message = "No field changed, so nothing was published.";
                    break;
                case TagMapChangeOutcome.Conflict:
                    _conflict = result.Current;
                    Errors = result.Current is null ? [.. result.Errors.Select(e => e.Message)] : [];
                    break;
                default:
                    ShowErrors(result.Errors);
                    break;
            }
        });
    }

    private void ShowErrors(IReadOnlyList<TagMapProblem> problems)
    {
        var general = new List<string>();
        foreach (var problem in problems)
        {
            if (problem.Field is { } field && TagMaps.TagFieldNames.Contains(field))
            {
                if (!_fieldErrors.TryGetValue(field, out var list))
                {
                    _fieldErrors[field] = list = [];
                }

                list.Add(problem.Message);
            }
            else
            {
                general.Add(problem.Field is null ? problem.Message : $"{problem.Field}: {problem.Message}");
            }
        }

        Errors = general.Count > 0 ? general : ["The tag was not saved: correct the fields marked below."];
    }

    private sealed class TagInput
    {
        public int BaseVersion { get; set; }

        public string? Comment { get; set; }

        public Dictionary<string, string?> Fields { get; set; } = [];
    }
}
