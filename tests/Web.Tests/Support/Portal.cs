using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;

namespace Proxus.Web.Tests.Support;

/// <summary>What a person does in the portal, step by step, through labels and roles as a screen reader would find them.</summary>
public static partial class Portal
{
    /// <summary>The password the test users choose at their first sign-in.</summary>
    public const string UserPassword = "a-long-user-passphrase-7";

    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await SubmitCredentialsAsync(page, userName, password);
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Fills in and submits the sign-in form, whatever follows.</summary>
    public static async Task SubmitCredentialsAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public static async Task ChangeOwnPasswordAsync(IPage page, string current, string next)
    {
        await page.GotoAsync("account/password");
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("Repeat the new password").FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("passwordChanged=true", StringComparison.Ordinal));
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>The admin creates a user with the roles; returns the one-time password the page shows.</summary>
    public static async Task<string> CreateUserAsync(IPage adminPage, string userName, params string[] roles)
    {
        await adminPage.GotoAsync("users/new");
        await adminPage.GetByLabel("User name").FillAsync(userName);
        foreach (var role in roles)
        {
            await adminPage.GetByRole(AriaRole.Checkbox, new() { Name = role, Exact = true }).CheckAsync();
        }

        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        return (await adminPage.GetByTestId("one-time-secret").InnerTextAsync()).Trim();
    }

    /// <summary>A new user with the roles, signed in on a fresh page with their own password.</summary>
    public static async Task<IPage> NewUserPageAsync(PortalServer server, string userName, params string[] roles)
    {
        var admin = await server.AdminPageAsync();
        var oneTimePassword = await CreateUserAsync(admin, userName, roles);
        await admin.Context.CloseAsync();

        var page = await server.NewPageAsync();
        await SignInAsync(page, userName, oneTimePassword);
        page.Url.Should().Contain("/account/password", "a one-time password must be changed first");
        await ChangeOwnPasswordAsync(page, oneTimePassword, UserPassword);
        return page;
    }

    /// <summary>
    /// Saves a screenshot of the page as <c>artifacts/screenshots/NAME.png</c>, or as the README's
    /// <c>docs/images/NAME.png</c> when <c>PROXUS_UPDATE_SCREENSHOTS=1</c>, so a test run leaves the
    /// checkout clean.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Environment.GetEnvironmentVariable("PROXUS_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "images")
            : Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    /// <summary>A unique, readable name for objects a test creates.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    [GeneratedRegex(@"^pxe_[A-Za-z0-9_-]{43}$")]
    public static partial Regex EnrollmentToken();
}
