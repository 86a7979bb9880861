using System.Text.Json;
using Microsoft.Playwright;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Journeys;

/// <summary>A mistyped address: the portal's not-found page for people, problem details for the API.</summary>
[Collection(PortalCollection.Name)]
public sealed class NotFoundTests(PortalServer server)
{
    [Fact]
    public async Task MistypedAddress_SignedIn_NotFoundPageWithAWayBack()
    {
        var admin = await server.AdminPageAsync();

        var response = await admin.GotoAsync("sitez/typo?x=1");

        response!.Status.Should().Be(404);
        admin.Url.Should().EndWith("/sitez/typo?x=1", "the address typed stays in the address bar");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Portal.ScreenshotAsync(admin, "portal-not-found");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Fleet dashboard" })).ToBeVisibleAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task MistypedAddress_Anonymous_SignInThenNotFoundPage()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync("agentz");

        page.Url.Should().Contain("/login?returnUrl=%2Fagentz");
        await page.GetByLabel("User name").FillAsync(PortalServer.AdminUserName);
        await page.GetByLabel("Password").FillAsync(PortalServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/agentz", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MistypedApiAddress_SignedIn_ProblemDetails404()
    {
        var admin = await server.AdminPageAsync();

        var response = await admin.APIRequest.GetAsync("api/v1/sitez");

        response.Status.Should().Be(404);
        response.Headers["content-type"].Should().StartWith("application/problem+json");
        using var problem = JsonDocument.Parse(await response.TextAsync());
        problem.RootElement.GetProperty("type").GetString().Should().Be("urn:proxus:problem:not-found");
        await admin.Context.CloseAsync();
    }
}
