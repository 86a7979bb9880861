using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Revokes every certificate of an agent (Admin), after an explicit confirmation.</summary>
public sealed partial class RevokeAgent
{
    private IReadOnlyList<string> _errors = [];
    private AgentDetailView? _agent;
    private IReadOnlyList<string>? _revoked;

    [Parameter]
    public Guid AgentId { get; set; }

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "revoke")]
    private Confirmation? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new Confirmation();
        _agent = await Fleet.GetAgentAsync((await AuthenticationState).User, AgentId, CancellationToken.None);
    }

    private async Task RevokeAsync()
    {
        try
        {
            _revoked = await Fleet.RevokeAgentAsync((await AuthenticationState).User, AgentId, CancellationToken.None);
        }
        catch (PortalException e)
        {
            _errors = e.Details;
        }
    }

    private sealed class Confirmation;
}
