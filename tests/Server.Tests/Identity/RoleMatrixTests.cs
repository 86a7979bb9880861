using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;
using static Proxus.Server.Tests.Identity.RoleMatrix;

namespace Proxus.Server.Tests.Identity;

/// <summary>
/// Every API endpoint of the server against every kind of caller. The expected policy of each
/// endpoint is listed in <see cref="RoleMatrix"/>; an endpoint missing from the list, or one
/// without an explicit policy or <c>AllowAnonymous</c>, fails the test. The host maps what the real
/// server maps but the portal (<see cref="ServerEndpointsTests"/> holds the two to one another).
/// </summary>
public sealed class RoleMatrixTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private const string UnprotectedPath = "/api/v1/test/unprotected";

    private TrustWebHost _server = null!;

    public async Task InitializeAsync()
        => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database, map: app => app.MapGet(UnprotectedPath, () => "reached"), writes: new Dictionary<string, string?>(), withTelemetry: true));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Endpoints_Every_HasExplicitPolicyMatchingTheMatrix()
    {
        var endpoints = ApiEndpoints();

        endpoints.Keys.Should().BeEquivalentTo(Expected.Keys, "every endpoint must be listed in the role matrix with its policy");
        foreach (var (key, endpoint) in endpoints)
        {
            RoleMatrix.ShouldHavePolicy(key, endpoint, Expected[key]);
        }
    }

    [Fact]
    public async Task Endpoints_EveryCaller_AllowedExactlyByPolicy()
    {
        var callers = await CreateCallersAsync();
        var endpoints = ApiEndpoints()
            .Where(e => Expected[e.Key] is not (Anonymous or ScrapeToken))
            .OrderBy(e => e.Key.EndsWith("/logout", StringComparison.Ordinal)) // signing out last keeps the sessions for the rest
            .ToList();
        var checkedCalls = 0;
        foreach (var (key, _) in endpoints)
        {
            var allowed = Allowed[Expected[key]];
            foreach (var (caller, client) in callers)
            {
                using var response = await SendAsync(client, key);
                if (allowed.Contains(caller))
                {
                    response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, $"{caller} may call {key}").And.NotBe(HttpStatusCode.Forbidden, $"{caller} may call {key}");
                }
                else
                {
                    response.StatusCode.Should().Be(caller == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, $"{caller} must not call {key}");
                }

                checkedCalls++;
            }
        }

        checkedCalls.Should().Be(endpoints.Count * callers.Count);
        foreach (var (_, client) in callers)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Metrics_WithoutScrapeToken_RefusedToEveryCaller()
    {
        var callers = await CreateCallersAsync();

        foreach (var (caller, client) in callers)
        {
            using var response = await client.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{caller} holds no scrape token");
            client.Dispose();
        }

        using var scraper = _server.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TrustWebHost.ScrapeToken);
        (await scraper.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Endpoint_WithoutPolicy_DeniedToEveryone()
    {
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var session = await Iam.SignInAsync(_server, admin.UserName);
        using var anonymous = _server.CreateClient();

        (await session.GetAsync(UnprotectedPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync(UnprotectedPath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("GET", "/api/v1/sitez")]
    [InlineData("POST", "/api/v1/agents/not-a-guid/revoke")]
    [InlineData("DELETE", "/api/v2/anything")]
    [InlineData("GET", "/api")]
    public async Task UnknownApiAddress_AnyCaller_404ProblemDetails(string method, string path)
    {
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var session = await Iam.SignInAsync(_server, admin.UserName);
        using var anonymous = _server.CreateClient();

        foreach (var client in new[] { session, anonymous })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {path}");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            problem.GetProperty("type").GetString().Should().Be("urn:proxus:problem:not-found");
        }
    }

    [Fact]
    public async Task OpenApi_Document_DescribesEveryApiEndpoint()
    {
        using var client = _server.CreateClient();

        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        foreach (var key in Expected.Keys.Where(k => k.Contains(" /api/v1/", StringComparison.Ordinal)))
        {
            var (method, pattern) = (key.Split(' ')[0].ToLowerInvariant(), key.Split(' ')[1].Replace(":guid", string.Empty, StringComparison.Ordinal).Replace(":int", string.Empty, StringComparison.Ordinal));
            paths.TryGetProperty(pattern, out var path).Should().BeTrue($"the document lists {pattern}");
            path.TryGetProperty(method, out _).Should().BeTrue($"the document lists {key}");
        }
    }

    private Dictionary<string, RouteEndpoint> ApiEndpoints()
        => RoleMatrix.Keys(_server.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => e.RoutePattern.RawText != UnprotectedPath))
            .ToDictionary(k => k.Key, k => k.Endpoint);

    private async Task<Dictionary<string, HttpClient>> CreateCallersAsync()
    {
        var callers = new Dictionary<string, HttpClient> { [Anonymous] = _server.CreateClient() };
        foreach (var role in Roles.All)
        {
            var user = await Iam.CreateUserAsync(_server, [role]);
            callers[role] = await Iam.SignInAsync(_server, user.UserName);
        }

        var pending = await Iam.CreatePendingUserAsync(_server, [Roles.Admin]);
        callers[Pending] = await Iam.SignInAsync(_server, pending.User.UserName, pending.OneTimePassword);
        foreach (var (name, scope) in RoleMatrix.MachineClients)
        {
            callers[name] = Iam.BearerClient(_server, await Iam.TokenAsync(_server, await Iam.CreateMachineClientAsync(_server, scope)));
        }

        return callers;
    }

    /// <summary>A harmless call: ids and versions that exist nowhere and empty bodies, so allowed calls end in 400/404 at worst.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string key)
    {
        var method = new HttpMethod(key.Split(' ')[0]);
        var path = key.Split(' ')[1].Replace("{id:guid}", Guid.NewGuid().ToString("D"), StringComparison.Ordinal).Replace("{version:int}", "1", StringComparison.Ordinal);
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post || method == HttpMethod.Put)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }
}
