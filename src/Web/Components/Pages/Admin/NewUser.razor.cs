using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Admin;

/// <summary>Creates a user (Admin); the one-time password is shown once.</summary>
public sealed partial class NewUser
{
    private OneTimeSecret<UserView>? _created;

    [Inject]
    private IIdentityDirectory Directory { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "new-user")]
    private UserInput? Input { get; set; }

    protected override void OnInitialized() => Input ??= new UserInput();

    private async Task CreateAsync()
    {
        await CallAsync(async caller =>
        {
            _created = await Directory.CreateUserAsync(caller, Input!.UserName!, Input.Roles.Selected(), CancellationToken.None);
        });
    }

    private sealed class UserInput
    {
        [Required(ErrorMessage = "Enter a user name.")]
        [StringLength(64)]
        public string? UserName { get; set; }

        public RoleSelection Roles { get; set; } = new();
    }
}
