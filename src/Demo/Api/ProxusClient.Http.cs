using System.Net.Http.Json;

namespace Proxus.Demo.Api;

public sealed partial class ProxusClient
{
    /// <summary>Problem texts quoted in errors are cut to this length.</summary>
    private const int MaxProblemLength = 2000;

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, "GET " + path, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"{method} {path}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, $"{method} {path}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        await EnsureAsync(response, what, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false)
            ?? throw new DemoException($"{what}: the server answered {(int)response.StatusCode} without a body.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (problem.Length > MaxProblemLength)
        {
            problem = problem[..MaxProblemLength];
        }

        throw new DemoException($"{what}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}. {problem}");
    }
}
