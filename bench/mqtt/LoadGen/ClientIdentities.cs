using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Proxus.TestSupport;

namespace Proxus.Bench.Mqtt;

/// <summary>
/// Who each client of a scenario is on one broker: its client id and, over mutual TLS, its certificate
/// and the CAs it trusts. mosquitto trusts the bench's own CA. Our server trusts only its own CA and
/// maps every certificate to an identity with its ACL, as in production: over mutual TLS each
/// publisher is an agent enrolled on a site whose UNS namespace is <c>bench/pair</c> (so it may publish
/// to <c>bench/pair/i</c>), and the subscribers share one machine client with the <c>uns.read</c> scope.
/// </summary>
public sealed class ClientIdentities
{
    private const string Publisher = "pub";

    private readonly IReadOnlyList<string> _publisherIds;
    private readonly IReadOnlyList<X509Certificate2?> _publisherCertificates;
    private readonly Func<int, string> _subscriberId;
    private readonly X509Certificate2? _subscriberCertificate;

    private ClientIdentities(IReadOnlyList<string> publisherIds, IReadOnlyList<X509Certificate2?> publisherCertificates, Func<int, string> subscriberId, X509Certificate2? subscriberCertificate, X509Certificate2Collection trustedAuthorities)
    {
        _publisherIds = publisherIds;
        _publisherCertificates = publisherCertificates;
        _subscriberId = subscriberId;
        _subscriberCertificate = subscriberCertificate;
        TrustedAuthorities = trustedAuthorities;
    }

    public X509Certificate2Collection TrustedAuthorities { get; }

    public string ClientId(string role, int index) => role == Publisher ? _publisherIds[index] : _subscriberId(index);

    public X509Certificate2? Certificate(string role, int index) => role == Publisher ? _publisherCertificates[index] : _subscriberCertificate;

    /// <summary>The bench's own CA and one client certificate for everybody (mosquitto, and our server without TLS).</summary>
    public static ClientIdentities Bench(Scenario scenario, X509Certificate2 ca, X509Certificate2 client)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var name = scenario.Name;
        return new ClientIdentities(
            [.. Enumerable.Range(0, scenario.Publishers).Select(i => $"bench-{name}-{Publisher}-{i}")],
            [.. Enumerable.Repeat(client, scenario.Publishers)],
            i => $"bench-{name}-sub-{i}",
            client,
            [ca]);
    }

    /// <summary>Enrolls one agent per publisher and issues one machine-client certificate for the subscribers, through our server's REST API.</summary>
    public static async Task<ClientIdentities> EnrollAsync(ServerProcess server, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(scenario);
        using var admin = await server.AdminClientAsync();
        using var anonymous = await server.CreateClientAsync();
        var siteId = (await PostAsync(admin, "api/v1/sites", new { name = "pair" })).GetProperty("id").GetGuid();
        using (var named = await admin.PutAsJsonAsync($"api/v1/sites/{siteId:D}/namespace", new { enterprise = "bench", name = "pair" }))
        {
            await ServerProcess.EnsureSuccessAsync(named, "the bench site's namespace");
        }

        var publisherIds = new string[scenario.Publishers];
        var publisherCertificates = new X509Certificate2?[scenario.Publishers];
        await Parallel.ForAsync(0, scenario.Publishers, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var agentId = (await PostAsync(admin, $"api/v1/sites/{siteId:D}/agents", new { name = $"{Publisher}-{i}" })).GetProperty("id").GetGuid();
            var token = (await PostAsync(admin, $"api/v1/agents/{agentId:D}/enrollment-tokens", new { lifetimeMinutes = 60 })).GetProperty("token").GetString();
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var csr = new CertificateRequest(new X500DistinguishedName(string.Empty), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            var enrolled = await PostAsync(anonymous, "api/v1/enrollment", new { token, csr });
            using var certificate = X509Certificate2.CreateFromPem(enrolled.GetProperty("certificatePem").GetString());
            publisherIds[i] = agentId.ToString("D");
            publisherCertificates[i] = certificate.CopyWithPrivateKey(key);
        });

        var client = await PostAsync(admin, "api/v1/clients", new { name = "bench-subscribers", scope = "uns.read" });
        var clientId = client.GetProperty("client").GetProperty("clientId").GetGuid();
        var issued = await PostAsync(admin, $"api/v1/clients/{clientId:D}/certificate", new { csr = (string?)null });
        var subscriberCertificate = X509Certificate2.CreateFromPem(issued.GetProperty("certificatePem").GetString(), issued.GetProperty("privateKeyPem").GetString());
        return new ClientIdentities(publisherIds, publisherCertificates, i => $"{clientId:D}-sub-{i}", subscriberCertificate, await server.GetCaChainAsync());
    }

    private static async Task<JsonElement> PostAsync(HttpClient session, string path, object body)
    {
        using var response = await session.PostAsJsonAsync(path, body);
        await ServerProcess.EnsureSuccessAsync(response, "POST " + path);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
