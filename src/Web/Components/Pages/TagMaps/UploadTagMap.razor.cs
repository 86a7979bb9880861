using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.TagMaps;

/// <summary>
/// Upload a CSV or YAML tag map: the file is checked in full against the current version and
/// nothing is saved — every error (row, field, message), or the exact diff. A valid upload is kept
/// for its uploader (its id in the URL, so a reload shows the same preview) until it is published
/// with a comment; a version someone else published meanwhile is explained, and the preview is
/// then against it.
/// </summary>
public sealed partial class UploadTagMap
{
    /// <summary>The largest tag map plus room for the form's other parts.</summary>
    internal const long MaxRequestBytes = (64L * 1024 * 1024) + (64 * 1024);

    private TagMapSiteView? _site;
    private TagMapUploadView? _preview;
    private TagMapVersionView? _conflict;
    private string? _message;

    [Parameter]
    public Guid SiteId { get; set; }

    [Inject]
    private ITagMapDirectory TagMaps { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    /// <summary>The kept upload under review.</summary>
    [SupplyParameterFromQuery(Name = "upload")]
    private Guid? UploadId { get; set; }

    [SupplyParameterFromForm(FormName = "publish")]
    private PublishInput? Publish { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var caller = await CallerAsync();
        _site = await TagMaps.GetSiteAsync(caller, SiteId, CancellationToken.None);
        if (_site is null || UploadId is not { } uploadId)
        {
            return;
        }

        await CallAsync(async () =>
        {
            _preview = await TagMaps.GetUploadAsync(caller, SiteId, uploadId, CancellationToken.None);
        });
    }

    private async Task UploadAsync()
    {
        var file = HttpContext?.Request.HasFormContentType == true ? HttpContext.Request.Form.Files.GetFile("file") : null;
        if (file is null || string.IsNullOrEmpty(file.FileName))
        {
            Errors = ["Choose a .csv or .yaml file to check."];
            return;
        }

        try
        {
            await using var content = file.OpenReadStream();
            var preview = await TagMaps.PreviewUploadAsync(await CallerAsync(), SiteId, file.FileName, content, CancellationToken.None);
            if (preview.UploadId is { } kept)
            {
                Navigation.NavigateTo($"sites/{SiteId}/tag-map/upload?upload={kept}");
                return;
            }

            _preview = preview;
        }
        catch (PortalException e)
        {
            _preview = null;
            Errors = e.Details;
        }
    }

    private async Task PublishAsync()
    {
        if (UploadId is not { } uploadId)
        {
            Errors = ["Upload a file first."];
            return;
        }

        if (string.IsNullOrWhiteSpace(Publish?.Comment))
        {
            Errors = ["Say in a comment what changes and why."];
            return;
        }

        try
        {
            var result = await TagMaps.PublishUploadAsync(await CallerAsync(), SiteId, uploadId, Publish.BaseVersion, Publish.Comment, CancellationToken.None);
            switch (result.Outcome)
            {
                case TagMapChangeOutcome.Created:
                    Navigation.NavigateTo($"sites/{SiteId}/tag-map/versions?published={result.Version!.Version}&issued={result.AgentsIssued}");
                    break;
                case TagMapChangeOutcome.Unchanged:
                    _message = $"The file equals version {result.Version?.Version}; nothing was published.";
                    _preview = null;
                    break;
                case TagMapChangeOutcome.Conflict:
                    _conflict = result.Current;
                    Errors = result.Current is null ? [.. result.Errors.Select(e => e.Message)] : [];
                    break;
                default:
                    _preview = _preview is null ? null : _preview with { UploadId = null, Errors = result.Errors, Diff = null };
                    Errors = _preview is null ? [.. result.Errors.Select(e => e.Message)] : [];
                    break;
            }
        }
        catch (PortalException e)
        {
            Errors = e.Details;
        }
    }

    private sealed class PublishInput
    {
        public int? BaseVersion { get; set; }

        public string? Comment { get; set; }
    }
}
