using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Proxus.Web.Components.Shared;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Writes;

/// <summary>
/// Requests a control write (OtEngineer for their sites, Admin): find a writable tag by its UNS
/// path, see its type and limits, type the value, give a reason and an optional window. The
/// server's refusals are shown on the input they are about.
/// </summary>
public sealed partial class NewWriteRequest
{
    internal const int MaxMatches = 50;

    private IReadOnlyList<WritableTagView>? _matches;
    private WritableTagView? _tag;
    private EditContext _editContext = default!;
    private ValidationMessageStore _serverErrors = default!;

    [Inject]
    private IControlWrites Writes { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")]
    private string? Search { get; set; }

    [SupplyParameterFromQuery(Name = "tag")]
    private string? TagPath { get; set; }

    [SupplyParameterFromForm(FormName = "request-write")]
    private RequestInput? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new RequestInput { Tag = TagPath };
        _editContext = new EditContext(Input);
        _serverErrors = new ValidationMessageStore(_editContext);
        _editContext.OnValidationRequested += (_, _) => _serverErrors.Clear();
        var caller = await CallerAsync();
        await CallAsync(async () =>
        {
            if (Search is not null)
            {
                _matches = await Writes.FindWritableTagsAsync(caller, Search, MaxMatches, CancellationToken.None);
            }

            var path = string.IsNullOrWhiteSpace(Input.Tag) ? TagPath : Input.Tag;
            if (!string.IsNullOrWhiteSpace(path))
            {
                _tag = await Writes.GetWritableTagAsync(caller, path.Trim(), CancellationToken.None);
            }
        });
    }

    private async Task RequestAsync()
    {
        var (notBefore, notAfter) = (UtcInput.Parse(Input!.NotBefore), UtcInput.Parse(Input.NotAfter));
        if (!string.IsNullOrEmpty(Input.NotBefore) && notBefore is null)
        {
            Refuse(WriteRequestFields.NotBefore, "Not a date and time.");
        }

        if (!string.IsNullOrEmpty(Input.NotAfter) && notAfter is null)
        {
            Refuse(WriteRequestFields.NotAfter, "Not a date and time.");
        }

        if (_editContext.GetValidationMessages().Any())
        {
            return;
        }

        try
        {
            var id = await Writes.RequestAsync(await CallerAsync(), new WriteRequestInput(Input.Tag, Input.Value, Input.Reason, notBefore, notAfter), CancellationToken.None);
            Navigation.NavigateTo($"writes/{id}?requested=true");
        }
        catch (PortalFieldException e)
        {
            Refuse(e.Field, e.Message);
        }
        catch (PortalException e)
        {
            Errors = e.Details;
        }
    }

    private void Refuse(string field, string message)
    {
        if (field == WriteRequestFields.Form)
        {
            Errors = [message];
            return;
        }

        var name = field switch
        {
            WriteRequestFields.Tag => nameof(RequestInput.Tag),
            WriteRequestFields.Value => nameof(RequestInput.Value),
            WriteRequestFields.Reason => nameof(RequestInput.Reason),
            WriteRequestFields.NotBefore => nameof(RequestInput.NotBefore),
            _ => nameof(RequestInput.NotAfter),
        };
        _serverErrors.Add(_editContext.Field(name), message);
        _editContext.NotifyValidationStateChanged();
    }

    private static string TagUrl(string path) => "writes/new?tag=" + Uri.EscapeDataString(path);

    private static string? Bound(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string Limits(WritableTagView tag) => (tag.Min, tag.Max, tag.IsBool) switch
    {
        (_, _, true) => "true or false",
        ({ } min, { } max, _) => $"from {Bound(min)} to {Bound(max)}",
        ({ } min, null, _) => $"at least {Bound(min)}",
        (null, { } max, _) => $"at most {Bound(max)}",
        _ => "the range of the data type",
    };

    private sealed class RequestInput
    {
        [Required(ErrorMessage = "Choose a tag.")]
        [StringLength(1024)]
        public string? Tag { get; set; }

        [Required(ErrorMessage = "Type the value to write.")]
        [StringLength(64)]
        public string? Value { get; set; }

        [Required(ErrorMessage = "Say why the value must be written.")]
        [StringLength(1000)]
        public string? Reason { get; set; }

        public string? NotBefore { get; set; }

        public string? NotAfter { get; set; }
    }
}
