using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Observability.Support;

/// <summary>
/// Debian's Prometheus on 127.0.0.1 (a free port, its own configuration and a temporary TSDB),
/// scraping one target every second with a bearer token; stopped by pid on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/prometheus";

    private readonly ExternalProcess _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(ExternalProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public static bool IsInstalled => File.Exists(Executable);

    public static async Task<PrometheusServer> StartAsync(int targetPort, string scrapeToken)
    {
        var directory = Directory.CreateTempSubdirectory("proxus-prometheus-").FullName;
        var tokenFile = Path.Combine(directory, "scrape-token");
        await File.WriteAllTextAsync(tokenFile, scrapeToken);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: proxus
                metrics_path: /metrics
                authorization:
                  type: Bearer
                  credentials_file: {tokenFile}
                static_configs:
                  - targets: ['127.0.0.1:{targetPort.ToString(CultureInfo.InvariantCulture)}']
            """);
        var port = LoopbackPort.GetFree();
        var process = ExternalProcess.Start(Executable,
        [
            $"--config.file={config}",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            "--log.level=warn",
        ]);
        var server = new PrometheusServer(process, directory, port);
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Evaluates an instant query (<c>/api/v1/query</c>) until <paramref name="accept"/> holds for the
    /// values it returns (one per series), or throws after <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryUntilAsync(
        string query, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> accept, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<(IReadOnlyDictionary<string, string>, double)> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = await QueryAsync(query);
            if (accept(last))
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Prometheus never answered '{query}' as expected; last: [{string.Join("; ", last.Select(r => $"{string.Join(',', r.Item1.Select(l => $"{l.Key}={l.Value}"))} => {r.Item2}"))}]");
    }

    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string query)
    {
        using var document = await _http.GetFromJsonAsync<JsonDocument>("/api/v1/query?query=" + Uri.EscapeDataString(query))
            ?? throw new InvalidOperationException("Prometheus returned no body.");
        var data = document.RootElement.GetProperty("data");
        var results = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var series in data.GetProperty("result").EnumerateArray())
        {
            var labels = series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var value = double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            results.Add((labels, value));
        }

        return results;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The TSDB may still be closing its files; the OS cleans temporary directories.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode}: {_process.StandardError}");
            }

            try
            {
                using var response = await _http.GetAsync("/-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Prometheus was not ready within {timeout}: {_process.StandardError}");
    }
}
