using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Proxus.TestSupport;

/// <summary>The administrator's steps before an agent is installed, over the REST API.</summary>
public sealed partial class ServerProcess
{
    /// <summary>
    /// Creates a site with the UNS namespace <c>{enterprise}/{siteName}</c> and one agent of it,
    /// publishes <paramref name="tagMapYaml"/> as the site's first tag-map version and issues a
    /// one-time enrollment token for the agent (valid one hour), all as the first administrator.
    /// </summary>
    public async Task<AgentRegistration> RegisterAgentAsync(string enterprise, string siteName, string agentName, string tagMapYaml)
    {
        using var admin = await AdminClientAsync();
        var siteId = (await PostAsync(admin, "api/v1/sites", new { name = siteName })).GetProperty("id").GetGuid();
        using (var named = await admin.PutAsJsonAsync($"api/v1/sites/{siteId:D}/namespace", new { enterprise, name = siteName }))
        {
            await EnsureSuccessAsync(named, $"namespace of site {siteName}");
        }

        var agentId = (await PostAsync(admin, $"api/v1/sites/{siteId:D}/agents", new { name = agentName })).GetProperty("id").GetGuid();
        await PublishTagMapAsync(admin, siteId, tagMapYaml, "first tag map");
        var token = (await PostAsync(admin, $"api/v1/agents/{agentId:D}/enrollment-tokens", new { lifetimeMinutes = 60 })).GetProperty("token").GetString()
            ?? throw new InvalidOperationException("The enrollment token response carried no token.");
        return new AgentRegistration(siteId, agentId, token);
    }

    /// <summary>Publishes a YAML tag map as the site's next version through the session (the server signs the agents' configurations).</summary>
    public static async Task PublishTagMapAsync(HttpClient session, Guid siteId, string yaml, string comment)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await session.PostAsync(new Uri($"api/v1/sites/{siteId:D}/tag-map/versions?comment={Uri.EscapeDataString(comment)}", UriKind.Relative), content);
        await EnsureSuccessAsync(response, "tag map publication");
    }

    private static async Task<JsonElement> PostAsync(HttpClient session, string path, object body)
    {
        using var response = await session.PostAsJsonAsync(path, body);
        await EnsureSuccessAsync(response, "POST " + path);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
