using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Proxus.Demo.Api;

/// <summary>
/// The server's REST API as a signed-in person uses it (session cookie): the demo seeds its sample
/// enterprise through exactly the endpoints the portal and operators use. Every call is bounded by
/// a timeout; a failure is a <see cref="DemoException"/> naming the call and the server's problem text.
/// </summary>
public sealed partial class ProxusClient : IDisposable
{
    private readonly HttpClient _http;

    public ProxusClient(Uri server, ServerTrust trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        _http = new HttpClient(trust.CreateHandler(new CookieContainer()), disposeHandler: true)
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Signs in; false when the server refuses the user name and password.</summary>
    public async Task<bool> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return false;
        }

        await EnsureAsync(response, "sign in as " + userName, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword, newPassword }, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, "change the password", cancellationToken).ConfigureAwait(false);
    }

    public Task<List<SiteDto>> ListSitesAsync(CancellationToken cancellationToken)
        => GetAsync<List<SiteDto>>("/api/v1/sites", cancellationToken);

    public Task<SiteDto> CreateSiteAsync(string name, CancellationToken cancellationToken)
        => SendAsync<SiteDto>(HttpMethod.Post, "/api/v1/sites", new { name }, cancellationToken);

    public Task SetNamespaceAsync(Guid siteId, string enterprise, string name, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Put, $"/api/v1/sites/{siteId:D}/namespace", new { enterprise, name }, cancellationToken);

    public Task<List<AgentDto>> ListAgentsAsync(Guid siteId, CancellationToken cancellationToken)
        => GetAsync<List<AgentDto>>($"/api/v1/sites/{siteId:D}/agents", cancellationToken);

    public Task<AgentDto> CreateAgentAsync(Guid siteId, string name, CancellationToken cancellationToken)
        => SendAsync<AgentDto>(HttpMethod.Post, $"/api/v1/sites/{siteId:D}/agents", new { name }, cancellationToken);

    public Task<EnrollmentTokenDto> CreateEnrollmentTokenAsync(Guid agentId, int lifetimeMinutes, CancellationToken cancellationToken)
        => SendAsync<EnrollmentTokenDto>(HttpMethod.Post, $"/api/v1/agents/{agentId:D}/enrollment-tokens", new { lifetimeMinutes }, cancellationToken);

    public Task SetSiteWritesAsync(Guid siteId, bool writesEnabled, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Put, $"/api/v1/writes/sites/{siteId:D}", new { writesEnabled }, cancellationToken);

    /// <summary>Publishes a whole-site YAML tag map; answers <c>created</c> or <c>unchanged</c>.</summary>
    public async Task<TagMapChangeDto> PublishTagMapAsync(Guid siteId, string yaml, string comment, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync($"/api/v1/sites/{siteId:D}/tag-map/versions?comment={Uri.EscapeDataString(comment)}", content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TagMapChangeDto>(response, "publish the tag map of site " + siteId.ToString("D"), cancellationToken).ConfigureAwait(false);
    }

    public Task<List<UserDto>> ListUsersAsync(CancellationToken cancellationToken)
        => GetAsync<List<UserDto>>("/api/v1/users", cancellationToken);

    public Task<CreatedUserDto> CreateUserAsync(string userName, IReadOnlyList<string> roles, CancellationToken cancellationToken)
        => SendAsync<CreatedUserDto>(HttpMethod.Post, "/api/v1/users", new { userName, roles }, cancellationToken);

    public Task<UserDto> SetUserSitesAsync(Guid userId, IReadOnlyList<Guid> siteIds, CancellationToken cancellationToken)
        => SendAsync<UserDto>(HttpMethod.Put, $"/api/v1/users/{userId:D}/sites", new { siteIds }, cancellationToken);

    public Task<OneTimePasswordDto> ResetPasswordAsync(Guid userId, CancellationToken cancellationToken)
        => SendAsync<OneTimePasswordDto>(HttpMethod.Post, $"/api/v1/users/{userId:D}/password-reset", new { }, cancellationToken);

    public Task<List<MachineClientDto>> ListMachineClientsAsync(CancellationToken cancellationToken)
        => GetAsync<List<MachineClientDto>>("/api/v1/clients", cancellationToken);

    public Task<IssuedClientSecretDto> CreateMachineClientAsync(string name, string scope, CancellationToken cancellationToken)
        => SendAsync<IssuedClientSecretDto>(HttpMethod.Post, "/api/v1/clients", new { name, scope }, cancellationToken);

    /// <summary>A client certificate for read-only MQTT over mutual TLS, for a key that stays with the caller (PKCS#10 request in PEM).</summary>
    public Task<ClientCertificateDto> IssueClientCertificateAsync(Guid clientId, string csr, CancellationToken cancellationToken)
        => SendAsync<ClientCertificateDto>(HttpMethod.Post, $"/api/v1/clients/{clientId:D}/certificate", new { csr }, cancellationToken);

    public void Dispose() => _http.Dispose();
}
