using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Writes;

/// <summary>
/// Approve, reject (with a reason) or cancel a write request, each behind a confirmation step
/// (<c>?decide=…</c>). Shown only for what <see cref="WriteDecisionView"/> allows; the server
/// decides again on every post (a stale page gets its refusal as an error).
/// </summary>
public sealed partial class WriteDecisionPanel
{
    private IReadOnlyList<string> _errors = [];

    [Inject]
    private IControlWrites Writes { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public WriteRequestDetailView Request { get; set; } = default!;

    [Parameter]
    public string? Decide { get; set; }

    [SupplyParameterFromForm(FormName = "reject-write")]
    private RejectInput? Rejection { get; set; }

    protected override void OnInitialized() => Rejection ??= new RejectInput();

    private Task ApproveAsync() => RunAsync(async caller => await Writes.ApproveAsync(caller, Request.Id, CancellationToken.None), "approved");

    private Task RejectAsync() => RunAsync(async caller => await Writes.RejectAsync(caller, Request.Id, Rejection!.Reason, CancellationToken.None), "rejected");

    private Task CancelAsync() => RunAsync(async caller => await Writes.CancelAsync(caller, Request.Id, CancellationToken.None), "cancelled");

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task> decide, string done)
    {
        try
        {
            await decide((await AuthenticationState).User);
        }
        catch (PortalException e)
        {
            _errors = e.Details;
            return;
        }

        Navigation.NavigateTo($"writes/{Request.Id}?done={done}");
    }

    private sealed class RejectInput
    {
        [Required(ErrorMessage = "A rejection needs a reason.")]
        [StringLength(1000)]
        public string? Reason { get; set; }
    }
}
