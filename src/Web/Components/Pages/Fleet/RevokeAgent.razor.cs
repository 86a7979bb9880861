using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Revokes every certificate of an agent (Admin), after an explicit confirmation.</summary>
public sealed partial class RevokeAgent
{
    private AgentDetailView? _agent;
    private IReadOnlyList<string>? _revoked;

    [Parameter]
    public Guid AgentId { get; set; }

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "revoke")]
    private Confirmation? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new Confirmation();
        _agent = await Fleet.GetAgentAsync(await CallerAsync(), AgentId, CancellationToken.None);
    }

    private async Task RevokeAsync()
    {
        await CallAsync(async caller =>
        {
            _revoked = await Fleet.RevokeAgentAsync(caller, AgentId, CancellationToken.None);
        });
    }

    private sealed class Confirmation;
}
