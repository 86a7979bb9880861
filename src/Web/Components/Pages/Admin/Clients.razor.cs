using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Admin;

/// <summary>OAuth2 machine clients (Admin): create (secret shown once), rotate the secret, revoke.</summary>
public sealed partial class Clients
{
    private string? _message;
    private IReadOnlyList<MachineClientView>? _clients;
    private OneTimeSecret<MachineClientView>? _issued;

    [Inject]
    private IIdentityDirectory Directory { get; set; } = default!;

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
        => _clients = await Directory.ListClientsAsync(await CallerAsync(), CancellationToken.None);

    private async Task CreateAsync()
    {
        await CallAsync(async caller =>
        {
            var scopes = Input!.Scopes.Where(s => s.Value).Select(s => s.Key).ToList();
            _issued = await Directory.CreateClientAsync(caller, Input.Name!, scopes, CancellationToken.None);
            Input = new ClientInput();
            await LoadAsync();
        });
    }

    private async Task ActAsync(MachineClientView client)
    {
        var caller = await CallerAsync();
        await CallAsync(async () =>
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
        });
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
