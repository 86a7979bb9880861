using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalServer server)
{
    private const string FailedText = "The user name or the password is wrong";

    [Fact]
    public async Task SignIn_WrongPasswordUntilLockout_RightPasswordIsRefusedToo()
    {
        var name = Portal.UniqueName("locked");
        var page = await Portal.NewUserPageAsync(server, name, "Viewer");
        await Portal.SignOutAsync(page);
        await Assertions.Expect(page.GetByText($"After {PortalServer.MaxFailedSignIns} failed attempts an account is locked")).ToBeVisibleAsync();

        for (var attempt = 0; attempt < PortalServer.MaxFailedSignIns; attempt++)
        {
            await Portal.SubmitCredentialsAsync(page, name, "not-the-password-" + attempt);
            await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync(FailedText);
            page.Url.Should().Contain("/login");
        }

        await Portal.SubmitCredentialsAsync(page, name, Portal.UserPassword);
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync(FailedText);
        page.Url.Should().Contain("/login", "the account is locked, so even the right password is refused");
        await Portal.ScreenshotAsync(page, "portal-sign-in-failed");

        // The administrator sees the lockout and lifts it with a password reset.
        var admin = await server.AdminPageAsync();
        await admin.GotoAsync("users");
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Locked out");
        await admin.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_UnknownUser_SameAnswerAsWrongPassword()
    {
        var page = await server.NewPageAsync();
        await Portal.SubmitCredentialsAsync(page, "nobody-" + Guid.NewGuid().ToString("N")[..8], "whatever-password-1");
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync(FailedText);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WithTotpEnabled_AsksForTheCodeAndRefusesAWrongOne()
    {
        var name = Portal.UniqueName("totp");
        var page = await Portal.NewUserPageAsync(server, name, "Viewer");
        await page.GotoAsync("account/security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Trim();
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("success")).ToContainTextAsync("The authenticator app is on");
        await Portal.ScreenshotAsync(page, "portal-account-security");
        await Portal.SignOutAsync(page);

        // Password right, code wrong: refused, back to the first step.
        await Portal.SubmitCredentialsAsync(page, name, Portal.UserPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second factor" })).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain(Portal.UserPassword, "the second step carries an encrypted ticket, not the password");
        await page.GetByLabel("Code from your authenticator app").FillAsync(WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("error")).ToContainTextAsync(FailedText);

        // Password and current code: signed in.
        await Portal.SubmitCredentialsAsync(page, name, Portal.UserPassword);
        await Portal.ScreenshotAsync(page, "portal-sign-in-totp");
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(name);
        await page.Context.CloseAsync();
    }

    /// <summary>A code valid in no window around now (the server accepts the neighbouring steps too).</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !valid.Contains(code));
    }
}
