using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// An enrolled agent as the mosquitto clients see it: its certificate, key and our CA chain as PEM
/// files in a private temporary directory, and the arguments that connect it over TLS.
/// </summary>
public sealed class AgentCredentials : IDisposable
{
    private AgentCredentials(Agent agent, Site site, string? unsPrefix, X509Certificate2 certificate, string chainPem)
    {
        Agent = agent;
        Site = site;
        UnsPrefix = unsPrefix;
        Certificate = certificate;
        Directory = System.IO.Directory.CreateTempSubdirectory("proxus-agent-").FullName;
        File.WriteAllText(CaPath, chainPem);
        TestCertificates.WritePem(certificate, CertificatePath, KeyPath);
    }

    public Agent Agent { get; }

    public Site Site { get; }

    /// <summary>The site's UNS prefix (its namespace), when it has one.</summary>
    public string? UnsPrefix { get; }

    public X509Certificate2 Certificate { get; }

    public string ClientId => Agent.Id.ToString("D");

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.pem");

    public string CertificatePath => Path.Combine(Directory, "agent.pem");

    public string KeyPath => Path.Combine(Directory, "agent.key");

    /// <summary>
    /// Creates a site (with <paramref name="unsPrefix"/>) and an agent, issues an enrollment token, and
    /// enrolls over HTTPS with a CSR over a key made here, as the agent would.
    /// </summary>
    public static async Task<AgentCredentials> EnrollAsync(TrustWebHost server, string? unsPrefix)
    {
        var fleet = server.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), unsPrefix, "admin:test", CancellationToken.None);
        return await EnrollAsync(server, site, unsPrefix);
    }

    /// <summary>Another agent at an existing site, whose UNS prefix (if it has one) is <paramref name="unsPrefix"/>.</summary>
    public static async Task<AgentCredentials> EnrollAsync(TrustWebHost server, Site site, string? unsPrefix = null)
    {
        var agent = await server.Get<FleetService>().CreateAgentAsync(site.Id, "agent-" + Guid.NewGuid().ToString("N")[..8], "admin:test", CancellationToken.None);
        var token = await server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        var (key, csr) = Csr.CreateEc();
        using (key)
        {
            using var client = server.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, csr));
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var enrolled = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
            using var publicOnly = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
            return new AgentCredentials(agent, site, unsPrefix, publicOnly.CopyWithPrivateKey(key), enrolled.ChainPem);
        }
    }

    /// <summary>mosquitto client arguments: TLS to the port with this agent's certificate, MQTT 5, its agent id as client id.</summary>
    public string[] Arguments(int port, string? clientId = null) =>
    [
        "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-d",
        "--cafile", CaPath, "--cert", CertificatePath, "--key", KeyPath, "-i", clientId ?? ClientId,
    ];

    public void Dispose()
    {
        Certificate.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
