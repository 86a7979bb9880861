using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Account;

/// <summary>The optional TOTP second factor: set up with a confirmed code, or turn off with one (static form posts).</summary>
public sealed partial class Security
{
    private string? _message;
    private bool _enabled;
    private AuthenticatorKey? _setup;

    // A static form post renders the page before its handler runs: the confirmation form must be
    // there for the code it posted (the key itself is not shown again).
    private bool _awaitingCode;

    [Inject]
    private IPortalAccount Account { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "totp-begin")]
    private BeginSetup? Begin { get; set; }

    [SupplyParameterFromForm(FormName = "totp-enable")]
    private CodeInput? Enable { get; set; }

    [SupplyParameterFromForm(FormName = "totp-disable")]
    private CodeInput? Disable { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Begin ??= new BeginSetup();
        Enable ??= new CodeInput();
        Disable ??= new CodeInput();
        _awaitingCode = Enable.Step == "confirm";
        _enabled = await Account.IsTwoFactorEnabledAsync(await CallerAsync(), CancellationToken.None);
    }

    private async Task BeginAsync()
    {
        _setup = await Account.BeginAuthenticatorSetupAsync(await CallerAsync());
        if (_setup is null)
        {
            Errors = ["The authenticator app is on already; turn it off first to set up another."];
        }
    }

    private async Task EnableAsync()
    {
        _awaitingCode = false;
        if (await Account.SetAuthenticatorAsync(await CallerAsync(), Enable!.Code, enable: true, CancellationToken.None))
        {
            _enabled = true;
            _message = "The authenticator app is on: sign-in now asks for its code.";
            return;
        }

        Errors = ["The code is wrong. Start the setup again and enter the code the app shows now."];
    }

    private async Task DisableAsync()
    {
        if (await Account.SetAuthenticatorAsync(await CallerAsync(), Disable!.Code, enable: false, CancellationToken.None))
        {
            _enabled = false;
            _message = "The authenticator app is off.";
            return;
        }

        Errors = ["The code is wrong."];
    }

    private sealed class BeginSetup;

    private sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the 6-digit code.")]
        [StringLength(16)]
        public string? Code { get; set; }

        public string? Step { get; set; }
    }
}
