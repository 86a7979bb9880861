using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Proxus.Server.Identity;

namespace Proxus.Server.Tests.Support;

/// <summary>A site with a namespace and two agents (<see cref="ConfigScenario"/>) and HTTPS sessions to call its tag-map API.</summary>
public sealed class TagMapApiClient : IDisposable
{
    private TagMapApiClient(ConfigScenario scenario, HttpClient engineer, HttpClient viewer)
    {
        Scenario = scenario;
        Engineer = engineer;
        Viewer = viewer;
    }

    public ConfigScenario Scenario { get; }

    /// <summary>An OtEngineer assigned to the site.</summary>
    public HttpClient Engineer { get; }

    public HttpClient Viewer { get; }

    public string Root => $"/api/v1/sites/{Scenario.Site.Id:D}/tag-map";

    public static async Task<TagMapApiClient> CreateAsync(TrustWebHost server)
    {
        var scenario = await ConfigScenario.CreateAsync(server.Services);
        var engineer = await Iam.CreateUserAsync(server, [Roles.OtEngineer], [scenario.Site.Id]);
        var viewer = await Iam.CreateUserAsync(server, [Roles.Viewer]);
        return new TagMapApiClient(scenario, await Iam.SignInAsync(server, engineer.UserName), await Iam.SignInAsync(server, viewer.UserName));
    }

    public static HttpContent Upload(string text, string contentType) => Upload(Encoding.UTF8.GetBytes(text), contentType);

    public static HttpContent Upload(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public Task<HttpResponseMessage> PublishYamlAsync(string yaml, string comment = "via api", HttpClient? client = null)
        => (client ?? Engineer).PostAsync($"{Root}/versions?comment={Uri.EscapeDataString(comment)}", Upload(yaml, "application/yaml"));

    public Task<HttpResponseMessage> EditAsync(string path, object body)
        => Engineer.PutAsJsonAsync($"{Root}/tags?path={Uri.EscapeDataString(path)}", body);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public void Dispose()
    {
        Engineer.Dispose();
        Viewer.Dispose();
    }
}
