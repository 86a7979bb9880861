using Microsoft.AspNetCore.Components;
using Proxus.Web.Components.Shared;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Writes;

/// <summary>
/// One write request: what is asked, its full timeline (every transition, actor and time), the
/// read-back or the device's error, refreshed every 3 s until it is final; and the decisions the
/// caller may take (<see cref="WriteDecisionPanel"/>).
/// </summary>
public sealed partial class WriteRequestDetail
{
    private WriteRequestDetailView? _request;
    private bool _loaded;

    [Inject]
    private IControlWrites Writes { get; set; } = default!;

    [Parameter]
    public Guid Id { get; set; }

    /// <summary>approve, reject or cancel: the decision to confirm.</summary>
    [SupplyParameterFromQuery(Name = "decide")]
    private string? Decide { get; set; }

    [SupplyParameterFromQuery(Name = "requested")]
    private bool Requested { get; set; }

    [SupplyParameterFromQuery(Name = "done")]
    private string? DoneAction { get; set; }

    private string? Done => Requested ? "Write requested. It waits for approval by a different person holding Approver." : DoneAction switch
    {
        "approved" => "Approval recorded.",
        "rejected" => "Request rejected.",
        "cancelled" => "Request cancelled.",
        _ => null,
    };

    protected override async Task OnParametersSetAsync()
    {
        await CallAsync(async caller =>
        {
            _request = await Writes.GetAsync(caller, Id, CancellationToken.None);
        });

        _loaded = true;
    }

    private static string Window(WriteRequestDetailView request) => (request.NotBefore, request.NotAfter) switch
    {
        (null, null) => "none: dispatched as soon as approved",
        ({ } from, null) => $"from {Time.Utc(from)}",
        (null, { } to) => $"until {Time.Utc(to)}",
        ({ } from, { } to) => $"{Time.Utc(from)} to {Time.Utc(to)}",
    };
}
