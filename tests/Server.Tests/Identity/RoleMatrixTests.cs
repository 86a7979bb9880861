using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Identity;

/// <summary>
/// Every endpoint of the server against every kind of caller. The expected policy of each endpoint
/// is listed here; an endpoint missing from the list, or one without an explicit policy or
/// <c>AllowAnonymous</c>, fails the test.
/// </summary>
public sealed class RoleMatrixTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private const string Pending = "pending password change";
    private const string ConfigReader = "client config.read";
    private const string AuditReader = "client audit.read";
    private const string UnsReader = "client uns.read";
    private const string ConfigWriter = "client config.write";
    private const string UnprotectedPath = "/api/v1/test/unprotected";
    private const string ScrapeToken = "scrape token";

    private static readonly string[] People = [.. Roles.All, Pending];

    /// <summary>Who may call each policy; everyone else gets 401 (anonymous) or 403.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Anonymous] = [Anonymous, .. People, ConfigReader, AuditReader, UnsReader, ConfigWriter],
        [IamPolicies.Session] = People,
        [IamPolicies.Account] = [.. Roles.All],
        [IamPolicies.Admin] = [Roles.Admin],
        [IamPolicies.FleetRead] = [.. Roles.All, ConfigReader],
        [IamPolicies.AuditRead] = [Roles.Auditor, Roles.Admin, AuditReader],
        [IamPolicies.WritesRequest] = [Roles.OtEngineer, Roles.Admin],
        [IamPolicies.WritesApprove] = [Roles.Approver],
        [IamPolicies.WritesRead] = [.. Roles.All],
        [IamPolicies.TagMapWrite] = [Roles.Admin, Roles.OtEngineer, ConfigWriter],
    };

    /// <summary>The policy each endpoint must have ("METHOD pattern" -> policy).</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["POST /api/v1/auth/login"] = Anonymous,
        ["POST /api/v1/auth/logout"] = IamPolicies.Session,
        ["GET /api/v1/auth/me"] = IamPolicies.Session,
        ["POST /api/v1/auth/password"] = IamPolicies.Session,
        ["POST /api/v1/auth/totp/setup"] = IamPolicies.Account,
        ["POST /api/v1/auth/totp/enable"] = IamPolicies.Account,
        ["POST /api/v1/auth/totp/disable"] = IamPolicies.Account,
        ["POST /api/v1/oauth/token"] = Anonymous,
        ["GET /api/v1/users"] = IamPolicies.Admin,
        ["POST /api/v1/users"] = IamPolicies.Admin,
        ["GET /api/v1/users/{id:guid}"] = IamPolicies.Admin,
        ["PUT /api/v1/users/{id:guid}/roles"] = IamPolicies.Admin,
        ["PUT /api/v1/users/{id:guid}/sites"] = IamPolicies.Admin,
        ["POST /api/v1/users/{id:guid}/disable"] = IamPolicies.Admin,
        ["POST /api/v1/users/{id:guid}/enable"] = IamPolicies.Admin,
        ["POST /api/v1/users/{id:guid}/password-reset"] = IamPolicies.Admin,
        ["GET /api/v1/clients"] = IamPolicies.Admin,
        ["POST /api/v1/clients"] = IamPolicies.Admin,
        ["POST /api/v1/clients/{id:guid}/secret"] = IamPolicies.Admin,
        ["POST /api/v1/clients/{id:guid}/certificate"] = IamPolicies.Admin,
        ["DELETE /api/v1/clients/{id:guid}"] = IamPolicies.Admin,
        ["GET /api/v1/sites"] = IamPolicies.FleetRead,
        ["GET /api/v1/sites/{id:guid}"] = IamPolicies.FleetRead,
        ["GET /api/v1/sites/{id:guid}/agents"] = IamPolicies.FleetRead,
        ["POST /api/v1/sites"] = IamPolicies.Admin,
        ["POST /api/v1/sites/{id:guid}/agents"] = IamPolicies.Admin,
        ["GET /api/v1/sites/{id:guid}/namespace"] = IamPolicies.FleetRead,
        ["PUT /api/v1/sites/{id:guid}/namespace"] = IamPolicies.Admin,
        ["GET /api/v1/sites/{id:guid}/tag-map/tags"] = IamPolicies.FleetRead,
        ["PUT /api/v1/sites/{id:guid}/tag-map/tags"] = IamPolicies.TagMapWrite,
        ["GET /api/v1/sites/{id:guid}/tag-map/connections"] = IamPolicies.FleetRead,
        ["POST /api/v1/sites/{id:guid}/tag-map/preview"] = IamPolicies.TagMapWrite,
        ["POST /api/v1/sites/{id:guid}/tag-map/versions"] = IamPolicies.TagMapWrite,
        ["GET /api/v1/sites/{id:guid}/tag-map/versions"] = IamPolicies.FleetRead,
        ["GET /api/v1/sites/{id:guid}/tag-map/versions/{version:int}"] = IamPolicies.FleetRead,
        ["GET /api/v1/sites/{id:guid}/tag-map/versions/{version:int}/content"] = IamPolicies.FleetRead,
        ["POST /api/v1/sites/{id:guid}/tag-map/versions/{version:int}/rollback"] = IamPolicies.TagMapWrite,
        ["GET /api/v1/sites/{id:guid}/tag-map/diff"] = IamPolicies.FleetRead,
        ["GET /api/v1/agents/{id:guid}"] = IamPolicies.FleetRead,
        ["POST /api/v1/agents/{id:guid}/enrollment-tokens"] = IamPolicies.Admin,
        ["POST /api/v1/agents/{id:guid}/revoke"] = IamPolicies.Admin,
        ["GET /api/v1/audit"] = IamPolicies.AuditRead,
        ["GET /api/v1/audit/export"] = IamPolicies.AuditRead,
        ["GET /api/v1/audit/verify"] = IamPolicies.AuditRead,
        ["GET /api/v1/alerts"] = IamPolicies.AuditRead,
        ["GET /api/v1/alerts/{id:guid}"] = IamPolicies.AuditRead,
        ["POST /api/v1/alerts/{id:guid}/acknowledge"] = IamPolicies.Admin,
        ["GET /api/v1/pki/ca"] = Anonymous,
        ["GET /api/v1/pki/crl"] = Anonymous,
        ["POST /api/v1/enrollment"] = Anonymous,
        ["POST /api/v1/certificates/renewal"] = Anonymous,
        ["GET /api/v1/agent/config"] = Anonymous,
        ["POST /api/v1/agent/config/applied"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["POST /api/v1/writes"] = IamPolicies.WritesRequest,
        ["GET /api/v1/writes"] = IamPolicies.WritesRead,
        ["GET /api/v1/writes/{id:guid}"] = IamPolicies.WritesRead,
        ["POST /api/v1/writes/{id:guid}/approve"] = IamPolicies.WritesApprove,
        ["POST /api/v1/writes/{id:guid}/reject"] = IamPolicies.WritesApprove,
        ["POST /api/v1/writes/{id:guid}/cancel"] = IamPolicies.WritesRequest,
        ["GET /api/v1/writes/export"] = IamPolicies.AuditRead,
        ["PUT /api/v1/writes/sites/{id:guid}"] = IamPolicies.Admin,
        ["GET /metrics"] = ScrapeToken,
        ["* /healthz"] = Anonymous,
        ["* /readyz"] = Anonymous,

        // MQTT over WebSocket: the broker authenticates the CONNECT (certificate, machine-client token).
        ["* /mqtt"] = Anonymous,
    };

    private TrustWebHost _server = null!;

    public async Task InitializeAsync()
        => _server = await TrustWebHost.StartAsync(fixture.Database, map: app => app.MapGet(UnprotectedPath, () => "reached"), writes: new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Endpoints_Every_HasExplicitPolicyMatchingTheMatrix()
    {
        var endpoints = ApiEndpoints();

        endpoints.Keys.Should().BeEquivalentTo(Expected.Keys, "every endpoint must be listed in the role matrix with its policy");
        foreach (var (key, endpoint) in endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            if (Expected[key] is Anonymous or ScrapeToken)
            {
                // The scrape token is checked by the endpoint's filter, outside IAM (see Metrics_WithoutScrapeToken_RefusedToEveryCaller).
                anonymous.Should().BeTrue($"{key} is anonymous by design");
                policies.Should().BeEmpty($"{key} is anonymous by design");
            }
            else
            {
                anonymous.Should().BeFalse($"{key} must not be anonymous");
                policies.Should().Equal([Expected[key]], $"{key} needs exactly the policy {Expected[key]}");
            }
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
    {
        var result = new Dictionary<string, RouteEndpoint>();
        foreach (var endpoint in _server.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.RawText == UnprotectedPath)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                result.Add($"{method} {endpoint.RoutePattern.RawText!.TrimEnd('/')}", endpoint);
            }
        }

        return result;
    }

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
        foreach (var (name, scope) in new[] { (ConfigReader, Scopes.ConfigRead), (AuditReader, Scopes.AuditRead), (UnsReader, Scopes.UnsRead), (ConfigWriter, Scopes.ConfigWrite) })
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
