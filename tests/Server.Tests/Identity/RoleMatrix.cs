using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Proxus.Server.Identity;

namespace Proxus.Server.Tests.Identity;

/// <summary>
/// The role matrix: the policy every endpoint of the server must have, and who may call each
/// policy. <see cref="RoleMatrixTests"/> calls every API endpoint as every kind of caller;
/// <see cref="ServerEndpointsTests"/> holds the real server's endpoints to the same table.
/// </summary>
public static class RoleMatrix
{
    public const string Anonymous = "anonymous";
    public const string Pending = "pending password change";
    public const string ConfigReader = "client config.read";
    public const string AuditReader = "client audit.read";
    public const string UnsReader = "client uns.read";
    public const string HistoryReader = "client history.read";
    public const string ConfigWriter = "client config.write";
    public const string ScrapeToken = "scrape token";

    /// <summary>No policy and not anonymous: the fallback policy denies it to everyone.</summary>
    public const string Nobody = "nobody";

    /// <summary>The machine-client callers and the one scope each holds.</summary>
    public static readonly (string Caller, string Scope)[] MachineClients =
        [(ConfigReader, Scopes.ConfigRead), (AuditReader, Scopes.AuditRead), (UnsReader, Scopes.UnsRead), (HistoryReader, Scopes.HistoryRead), (ConfigWriter, Scopes.ConfigWrite)];

    private static readonly string[] People = [.. Roles.All, Pending];

    /// <summary>Who may call each policy; everyone else gets 401 (anonymous) or 403.</summary>
    public static readonly Dictionary<string, string[]> Allowed = new()
    {
        [Anonymous] = [Anonymous, .. People, .. MachineClients.Select(c => c.Caller)],
        [IamPolicies.Session] = People,
        [IamPolicies.Account] = [.. Roles.All],
        [IamPolicies.Admin] = [Roles.Admin],
        [IamPolicies.FleetRead] = [.. Roles.All, ConfigReader],
        [IamPolicies.AuditRead] = [Roles.Auditor, Roles.Admin, AuditReader],
        [IamPolicies.HistoryRead] = [.. Roles.All, HistoryReader],
        [IamPolicies.WritesRequest] = [Roles.OtEngineer, Roles.Admin],
        [IamPolicies.WritesApprove] = [Roles.Approver],
        [IamPolicies.WritesRead] = [.. Roles.All],
        [IamPolicies.TagMapWrite] = [Roles.Admin, Roles.OtEngineer, ConfigWriter],
    };

    /// <summary>The policy each API endpoint must have ("METHOD pattern" -> policy).</summary>
    public static readonly Dictionary<string, string> Expected = new()
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
        ["DELETE /api/v1/agents/{id:guid}"] = IamPolicies.Admin,
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
        ["GET /api/v1/history/raw"] = IamPolicies.HistoryRead,
        ["GET /api/v1/history/aggregates"] = IamPolicies.HistoryRead,
        ["GET /api/v1/history/export"] = IamPolicies.HistoryRead,
        ["GET /api/v1/history/last"] = IamPolicies.HistoryRead,
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

        // Any other address under /api: a problem-details 404, whoever asks.
        ["* /api/{**path}"] = Anonymous,
    };

    /// <summary>
    /// The portal's endpoints besides its pages and static files, mapped by the real server and not
    /// by the matrix host (its sign-out journey is in tests/Web.Tests).
    /// </summary>
    public static readonly Dictionary<string, string> Portal = new()
    {
        ["POST /account/logout"] = IamPolicies.Session,

        // Blazor's redirect helper for enhanced navigation: it only answers with a redirect.
        ["GET /_framework/opaque-redirect"] = Anonymous,

        // ASP.NET Core's fallback to the static files of a build output (not in a published server).
        ["GET {**path:file}"] = Nobody,
        ["HEAD {**path:file}"] = Nobody,

        // Any other address: the not-found page when signed in, the sign-in page before it.
        ["* {**path:nonfile}"] = Anonymous,
    };

    /// <summary>"METHOD pattern" for each method of each route endpoint ("*" when it takes any method).</summary>
    public static IEnumerable<(string Key, RouteEndpoint Endpoint)> Keys(IEnumerable<RouteEndpoint> endpoints)
        => endpoints.SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            .Select(method => ($"{method} {endpoint.RoutePattern.RawText!.TrimEnd('/')}", endpoint)));

    /// <summary>Asserts that <paramref name="endpoint"/> carries exactly <paramref name="policy"/>, or is anonymous by design.</summary>
    public static void ShouldHavePolicy(string key, Endpoint endpoint, string policy)
    {
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
        if (policy is Anonymous or ScrapeToken)
        {
            // The scrape token is checked by the endpoint's filter, outside IAM (see RoleMatrixTests.Metrics_WithoutScrapeToken_RefusedToEveryCaller).
            anonymous.Should().BeTrue($"{key} is anonymous by design");
            policies.Should().BeEmpty($"{key} is anonymous by design");
        }
        else
        {
            anonymous.Should().BeFalse($"{key} must not be anonymous");
            if (policy == Nobody)
            {
                // Not even [Authorize] without a policy, which would admit any signed-in caller.
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Should().BeEmpty($"{key} falls to the deny-all fallback policy");
            }
            else
            {
                policies.Should().Equal([policy], $"{key} needs exactly the policy {policy}");
            }
        }
    }
}
