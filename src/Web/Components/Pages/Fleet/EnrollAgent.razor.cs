using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Fleet;

/// <summary>Creates a one-time enrollment token (Admin) and shows it once with the exact enroll command.</summary>
public sealed partial class EnrollAgent
{
    private AgentDetailView? _agent;
    private EnrollmentTokenView? _token;

    [Parameter]
    public Guid AgentId { get; set; }

    [Inject]
    private IFleetDirectory Fleet { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "enroll")]
    private TokenInput? Input { get; set; }

    /// <summary>The command for the agent's machine: this server as the browser reached it, the token, and the CA the agent is to trust.</summary>
    private string Command => EnrollCommand(Navigation.BaseUri, _token!.Token, _token.CaFingerprint);

    internal static string EnrollCommand(string serverBaseUri, string token, string caFingerprint)
        => $"proxus-agent enroll --server {serverBaseUri.TrimEnd('/')} --token {token} --ca-fingerprint {caFingerprint}";

    protected override async Task OnInitializedAsync()
    {
        Input ??= new TokenInput();
        _agent = await Fleet.GetAgentAsync(await CallerAsync(), AgentId, CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        await CallAsync(async caller =>
        {
            var hours = Input!.Hours is 1 or 24 or 168 ? Input.Hours : 24;
            _token = await Fleet.CreateEnrollmentTokenAsync(caller, AgentId, TimeSpan.FromHours(hours), CancellationToken.None);
        });
    }

    private sealed class TokenInput
    {
        public int Hours { get; set; } = 24;
    }
}
