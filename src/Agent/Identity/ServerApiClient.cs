using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Agent.Identity;

/// <summary>
/// The agent's HTTPS client for the server's agent API: mutual TLS with the agent certificate, the
/// server pinned to our CA (<see cref="PinnedServerValidator"/>), every request bounded by a timeout.
/// </summary>
public sealed class ServerApiClient : IDisposable
{
    /// <summary>The largest configuration envelope the agent downloads (the verifier's limit).</summary>
    public const int MaxEnvelopeBytes = Core.Configuration.ConfigEnvelopeVerifier.MaxEnvelopeBytes;

    /// <summary>The largest certificate response read.</summary>
    public const int MaxCertificateResponseBytes = 256 * 1024;

    private readonly HttpClient _http;

    public ServerApiClient(Uri server, X509Certificate2 clientCertificate, X509Certificate2Collection trustAnchors, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(clientCertificate);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            AllowAutoRedirect = false,
            SslOptions =
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificates = [clientCertificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = PinnedServerValidator.Create(trustAnchors),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
        };
        _http = new HttpClient(handler) { BaseAddress = server, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// <c>GET /api/v1/agent/config</c>: the newest envelope, or null when the server has none for us
    /// (404) or it is the one we named in <paramref name="knownVersion"/> (304).
    /// </summary>
    public async Task<byte[]?> GetConfigurationAsync(long? knownVersion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/agent/config");
        if (knownVersion is { } version)
        {
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\""));
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotModified or HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadCappedAsync(response.Content, MaxEnvelopeBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /api/v1/agent/config/applied</c>: what the agent did with a version.</summary>
    public async Task ReportConfigurationAsync(long version, bool applied, string? reason, CancellationToken cancellationToken)
    {
        var body = new ConfigReportBody(version, applied ? "applied" : "rejected", reason is { Length: > 1000 } ? reason[..1000] : reason);
        using var content = JsonBody(body, AgentJsonContext.Default.ConfigReportBody);
        using var response = await _http.PostAsync("api/v1/agent/config/applied", content, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /api/v1/certificates/renewal</c> with a CSR for a new key.</summary>
    internal async Task<CertificateResponseBody> RenewAsync(string csrPem, CancellationToken cancellationToken)
    {
        using var content = JsonBody(new RenewalRequestBody(csrPem), AgentJsonContext.Default.RenewalRequestBody);
        using var response = await _http.PostAsync("api/v1/certificates/renewal", content, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadCertificateResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A JSON body with its Content-Length (not chunked), for any HTTP/1.1 server.</summary>
    internal static ByteArrayContent JsonBody<T>(T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    internal static async Task<CertificateResponseBody> ReadCertificateResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await ReadCappedAsync(response.Content, MaxCertificateResponseBytes, cancellationToken).ConfigureAwait(false);
        return System.Text.Json.JsonSerializer.Deserialize(bytes, AgentJsonContext.Default.CertificateResponseBody)
            ?? throw new ServerApiException(response.StatusCode, "The server answered with an empty certificate response.");
    }

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await ReadCappedAsync(response.Content, 4096, cancellationToken, truncate: true).ConfigureAwait(false);
        throw new ServerApiException(response.StatusCode, $"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}: {System.Text.Encoding.UTF8.GetString(detail)}");
    }

    /// <summary>Reads a body of at most <paramref name="limit"/> bytes; a larger one is refused (or cut when <paramref name="truncate"/>).</summary>
    internal static async Task<byte[]> ReadCappedAsync(HttpContent content, int limit, CancellationToken cancellationToken, bool truncate = false)
    {
        if (content.Headers.ContentLength > limit && !truncate)
        {
            throw new ServerApiException(HttpStatusCode.OK, $"The response announces {content.Headers.ContentLength} bytes; the limit is {limit}.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (content.Headers.ContentLength is { } announced && announced <= limit)
            {
                // The usual case (a configuration of megabytes): one array of the announced size, no
                // growing copies of it.
                var body = new byte[announced];
                await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
                return body;
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    if (truncate)
                    {
                        buffer.Write(chunk, 0, limit - (int)buffer.Length);
                        break;
                    }

                    throw new ServerApiException(HttpStatusCode.OK, $"The response is larger than {limit} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}
