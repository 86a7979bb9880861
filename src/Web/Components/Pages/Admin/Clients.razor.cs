using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Admin;

/// <summary>OAuth2 machine clients (Admin): create (secret shown once), rotate the secret, revoke.</summary>
public sealed partial class Clients
{
    private IReadOnlyList<string> _errors = [];
    private string? _message;
    private IReadOnlyList<MachineClientView>? _clients;
    private OneTimeSecret<MachineClientView>? _issued;

    [Inject]
    private IIdentityDirectory Directory { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "new-client")]
    private ClientInput? Input { get; set; }

    [SupplyParameterFromForm]
    private ClientAction? Action { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new ClientInput();
        Action ??= new ClientAction();
        await LoadAsync();
    }

    private async Task LoadAsync()
        => _clients = await Directory.ListClientsAsync((await AuthenticationState).User, CancellationToken.None);

    private async Task CreateAsync()
    {
        try
        {
            var scopes = Input!.Scopes.Where(s => s.Value).Select(s => s.Key).ToList();
            _issued = await Directory.CreateClientAsync((await AuthenticationState).User, Input.Name!, scopes, CancellationToken.None);
            Input = new ClientInput();
            await LoadAsync();
        }
        catch (PortalException e)
        {
            _errors = e.Details;
        }
    }

    private async Task ActAsync(MachineClientView client)
    {
        var caller = (await AuthenticationState).User;
        try
        {
            if (Action?.Kind == "rotate")
            {
                _issued = await Directory.RotateClientSecretAsync(caller, client.ClientId, CancellationToken.None);
                _message = $"The secret of {client.Name} was replaced; the old one and its tokens stopped working.";
            }
            else if (Action?.Kind == "revoke")
            {
                await Directory.RevokeClientAsync(caller, client.ClientId, CancellationToken.None);
                _message = $"{client.Name} is revoked; its tokens are refused from now on.";
            }

            await LoadAsync();
        }
        catch (PortalException e)
        {
            _errors = e.Details;
        }
    }

    private sealed class ClientInput
    {
        [Required(ErrorMessage = "Name the client.")]
        [StringLength(200)]
        public string? Name { get; set; }

        public Dictionary<string, bool> Scopes { get; set; } = [];
    }

    private sealed class ClientAction
    {
        public string? Kind { get; set; }
    }
}
