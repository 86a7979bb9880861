using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Proxus.Server.Identity;
using Proxus.Web.Services;

namespace Proxus.Web.Tests.Pages;

/// <summary>
/// The page endpoints are open to the authorization middleware and each page authorizes itself,
/// so a page without a policy would be public: every routable component must name one.
/// </summary>
public sealed class PageAuthorizationTests
{
    private static readonly Type[] Pages = typeof(PortalPolicies).Assembly.GetTypes()
        .Where(t => t.GetCustomAttributes<RouteAttribute>().Any())
        .ToArray();

    [Fact]
    public void EveryPage_NamesAPolicyOrIsOneOfTheTwoPublicPages()
    {
        Pages.Should().NotBeEmpty();
        var anonymous = Pages.Where(p => p.GetCustomAttribute<AllowAnonymousAttribute>() is not null).Select(p => p.Name);
        anonymous.Should().BeEquivalentTo("Login", "NotFound");
        foreach (var page in Pages.Where(p => p.GetCustomAttribute<AllowAnonymousAttribute>() is null))
        {
            page.GetCustomAttribute<AuthorizeAttribute>()?.Policy.Should().NotBeNullOrEmpty($"{page.Name} must name a policy");
        }
    }

    [Fact]
    public void PortalPolicies_AreTheServersIamPolicies()
    {
        PortalPolicies.Session.Should().Be(IamPolicies.Session);
        PortalPolicies.Account.Should().Be(IamPolicies.Account);
        PortalPolicies.Admin.Should().Be(IamPolicies.Admin);
        PortalPolicies.FleetRead.Should().Be(IamPolicies.FleetRead);
        PortalPolicies.TagMapWrite.Should().Be(IamPolicies.TagMapWrite);
        PortalPolicies.AuditRead.Should().Be(IamPolicies.AuditRead);
        PortalPolicies.HistoryRead.Should().Be(IamPolicies.HistoryRead);
        PortalPolicies.WritesRead.Should().Be(IamPolicies.WritesRead);
        PortalPolicies.WritesRequest.Should().Be(IamPolicies.WritesRequest);
        PortalPolicies.WritesApprove.Should().Be(IamPolicies.WritesApprove);
        PortalRoles.All.Should().Equal(Roles.All);
    }

    [Theory]
    [InlineData("/users/new", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("users", false)]
    [InlineData("/login?returnUrl=%2F", false)]
    [InlineData(null, false)]
    public void LoginReturnUrl_OnlyLocalPaths_OthersGoToTheDashboard(string? returnUrl, bool kept)
        => Components.Pages.Account.Login.LocalPath(returnUrl).Should().Be(kept ? returnUrl : "/");
}
