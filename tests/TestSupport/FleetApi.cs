using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Proxus.TestSupport;

/// <summary>
/// The REST calls an administrator makes to bring an agent up: first sign-in and password change,
/// site, UNS namespace, agent, enrollment token, and the tag map published as a new version.
/// </summary>
public sealed class FleetApi : IDisposable
{
    private const string Password = "bench-admin-passphrase-42";
    private readonly HttpClient _http;

    public FleetApi(Uri baseAddress)
    {
        // The server is this benchmark's own child process on loopback; its certificate comes from
        // the CA it generated at first start, which the agent pins during enrollment.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            CookieContainer = new CookieContainer(),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>Signs in with the one-time password, changes it, and signs in again.</summary>
    public async Task SignInAsync(string initialPassword, CancellationToken cancellationToken)
    {
        await PostAsync("api/v1/auth/login", new { userName = "admin", password = initialPassword }, cancellationToken);
        await PostAsync("api/v1/auth/password", new { currentPassword = initialPassword, newPassword = Password }, cancellationToken);
        await PostAsync("api/v1/auth/login", new { userName = "admin", password = Password }, cancellationToken);
    }

    /// <summary>Creates the site with its UNS namespace <c>{enterprise}/{name}</c> and one agent; returns their ids.</summary>
    public async Task<(Guid SiteId, Guid AgentId)> CreateSiteAndAgentAsync(string enterprise, string name, string agentName, CancellationToken cancellationToken)
    {
        var site = await PostAsync("api/v1/sites", new { name }, cancellationToken);
        var siteId = site.GetProperty("id").GetGuid();
        using (var response = await _http.PutAsJsonAsync($"api/v1/sites/{siteId:D}/namespace", new { enterprise, name }, cancellationToken))
        {
            await EnsureAsync(response, cancellationToken);
        }

        var agent = await PostAsync($"api/v1/sites/{siteId:D}/agents", new { name = agentName }, cancellationToken);
        return (siteId, agent.GetProperty("id").GetGuid());
    }

    public async Task<string> CreateEnrollmentTokenAsync(Guid agentId, CancellationToken cancellationToken)
        => (await PostAsync($"api/v1/agents/{agentId:D}/enrollment-tokens", new { lifetimeMinutes = 60 }, cancellationToken)).GetProperty("token").GetString()!;

    /// <summary>Publishes a YAML tag map as the site's next version (the server signs the agents' configurations).</summary>
    public async Task PublishTagMapAsync(Guid siteId, string yaml, CancellationToken cancellationToken)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync(new Uri($"api/v1/sites/{siteId:D}/tag-map/versions?comment=bench", UriKind.Relative), content, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return default;
        }

        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }
    }
}
