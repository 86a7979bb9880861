using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Proxus.Web.Services;

namespace Proxus.Web.Components.Pages.Account;

/// <summary>
/// Sign-in as a static form post (the cookie is set on this response). A TOTP account gets a
/// second step that carries an encrypted, short-lived ticket instead of the password.
/// </summary>
public sealed partial class Login
{
    private const string FailedMessage = "The user name or the password is wrong, or the account cannot sign in now (locked or disabled).";

    private IReadOnlyList<string> _errors = [];
    private string? _ticket;
    private string _returnUrl = "/";

    [Inject]
    private IPortalAccount Account { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "login")]
    private Credentials? Input { get; set; }

    [SupplyParameterFromForm(FormName = "totp")]
    private TotpCode? Code { get; set; }

    [SupplyParameterFromQuery(Name = "returnUrl")]
    private string? QueryReturnUrl { get; set; }

    internal static string Minutes(TimeSpan duration) => duration.TotalMinutes >= 1
        ? $"{duration.TotalMinutes:0} minutes"
        : $"{duration.TotalSeconds:0} seconds";

    /// <summary>A local path to return to; anything else (another host, a scheme) becomes the dashboard.</summary>
    internal static string LocalPath(string? returnUrl)
        => returnUrl is { Length: > 0 and <= 2048 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("/login", StringComparison.OrdinalIgnoreCase)
            ? url
            : "/";

    protected override void OnInitialized()
    {
        Input ??= new Credentials();
        Code ??= new TotpCode();
        _returnUrl = LocalPath(QueryReturnUrl);

        // A static form post renders the page before its handler runs: the code form must be
        // there for the second step's post.
        _ticket = Code.Ticket;
    }

    private async Task SignInAsync()
    {
        _returnUrl = LocalPath(Input!.ReturnUrl);
        var attempt = await Account.SignInAsync(Input.UserName, Input.Password, CancellationToken.None);
        Handle(attempt);
    }

    private async Task CompleteAsync()
    {
        _returnUrl = LocalPath(Code!.ReturnUrl);
        var attempt = await Account.CompleteTwoFactorAsync(Code.Ticket, Code.Value, CancellationToken.None);
        Handle(attempt);
    }

    private void Handle(SignInAttempt attempt)
    {
        switch (attempt.Result)
        {
            case PortalSignInResult.Succeeded:
                Navigation.NavigateTo(_returnUrl);
                break;
            case PortalSignInResult.MustChangePassword:
                Navigation.NavigateTo("account/password");
                break;
            case PortalSignInResult.TwoFactorRequired:
                _ticket = attempt.TwoFactorTicket;
                _errors = [];
                break;
            default:
                _ticket = null;
                Input = new Credentials { UserName = Input?.UserName, ReturnUrl = _returnUrl };
                _errors = [FailedMessage];
                break;
        }
    }

    private sealed class Credentials
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [StringLength(64)]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256)]
        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    private sealed class TotpCode
    {
        [Required(ErrorMessage = "Enter the 6-digit code.")]
        [StringLength(16)]
        public string? Value { get; set; }

        public string? Ticket { get; set; }

        public string? ReturnUrl { get; set; }
    }
}
