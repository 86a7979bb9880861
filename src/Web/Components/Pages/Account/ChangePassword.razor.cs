using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Account;

/// <summary>The password change, as a static form post: the server re-issues the session cookie.</summary>
public sealed partial class ChangePassword
{
    private bool _mustChange;

    [Inject]
    private IPortalAccount Account { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "password")]
    private PasswordChange? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new PasswordChange();
        _mustChange = Account.MustChangePassword(await CallerAsync());
    }

    private async Task ChangeAsync()
    {
        var user = await CallerAsync();
        Errors = await Account.ChangePasswordAsync(user, Input!.Current, Input.New, CancellationToken.None);
        if (Errors.Count == 0)
        {
            Navigation.NavigateTo("/?passwordChanged=true");
        }

        Input = new PasswordChange();
    }

    private sealed class PasswordChange
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(256)]
        public string? Current { get; set; }

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(256, MinimumLength = 12, ErrorMessage = "The new password has 12 to 256 characters.")]
        public string? New { get; set; }

        [Required(ErrorMessage = "Repeat the new password.")]
        [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
        public string? Confirm { get; set; }
    }
}
