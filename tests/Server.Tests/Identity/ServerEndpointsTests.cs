using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Identity;

/// <summary>
/// The real server (<c>Program.cs</c>) against the role matrix: every endpoint it maps is a row of
/// <see cref="RoleMatrix"/> with that policy, a portal page that authorizes itself, or a static
/// file. A new endpoint without a row fails here, whichever extension maps it.
/// </summary>
public sealed class ServerEndpointsTests(ServerEndpointsTests.Fixture server) : IClassFixture<ServerEndpointsTests.Fixture>
{
    private static readonly string[] PublicPages = ["Login", "NotFound"];

    [Fact]
    public void RealServer_EveryEndpointButPagesAndFiles_InTheMatrixWithItsPolicy()
    {
        var endpoints = RoleMatrix.Keys(server.RouteEndpoints.Where(e => !IsPage(e) && !IsStaticFile(e))).ToList();
        var expected = RoleMatrix.Expected.Concat(RoleMatrix.Portal).ToDictionary();

        endpoints.Select(e => e.Key).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(expected.Keys, "every endpoint the server maps needs a row in the role matrix");
        foreach (var (key, endpoint) in endpoints)
        {
            RoleMatrix.ShouldHavePolicy(key, endpoint, expected[key]);
        }
    }

    [Fact]
    public void RealServer_PortalPages_EachAuthorizesWithAnIamPolicyOrIsPublic()
    {
        var policies = typeof(IamPolicies).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var pages = server.RouteEndpoints.Where(IsPage).ToList();

        pages.Should().HaveCountGreaterThan(10);
        foreach (var page in pages)
        {
            var component = page.Metadata.GetRequiredMetadata<ComponentTypeMetadata>().Type;
            if (component.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            {
                PublicPages.Should().Contain(component.Name, $"{page.RoutePattern.RawText} is public");
            }
            else
            {
                component.GetCustomAttribute<AuthorizeAttribute>()?.Policy.Should().BeOneOf(policies, $"{page.RoutePattern.RawText} names an IAM policy");
            }
        }
    }

    [Fact]
    public void RealServer_StaticFiles_OnlyReadable()
    {
        var files = server.RouteEndpoints.Where(IsStaticFile).ToList();

        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            file.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Should().BeSubsetOf(["GET", "HEAD"], file.RoutePattern.RawText);
        }
    }

    private static bool IsPage(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

    private static bool IsStaticFile(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    /// <summary>One real server for the class: starting it runs the migrations and creates the CA.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly RealServer _server = new();

        public IReadOnlyList<RouteEndpoint> RouteEndpoints { get; private set; } = [];

        public Task InitializeAsync()
        {
            RouteEndpoints = _server.RouteEndpoints;
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await _server.DisposeAsync();
    }
}
