using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Mqtt.Support;

/// <summary>
/// PEM files for the third-party peers: our CA chain, an agent certificate issued by the host's CA
/// (to an agent of a site with a UNS prefix) with its key, and a certificate from a foreign CA.
/// </summary>
public sealed class PemFiles : IDisposable
{
    private PemFiles(Guid agentId, string unsPrefix)
    {
        AgentId = agentId;
        UnsPrefix = unsPrefix;
        Directory.CreateDirectory(DirectoryPath);
    }

    public Guid AgentId { get; }

    public string ClientId => AgentId.ToString("D");

    public string UnsPrefix { get; }

    public string DirectoryPath { get; } = Path.Combine(Path.GetTempPath(), "proxus-pki-" + Guid.NewGuid().ToString("N"));

    public string CaPath => Path.Combine(DirectoryPath, "ca.pem");

    public string ClientCertificatePath => Path.Combine(DirectoryPath, "client.pem");

    public string ClientKeyPath => Path.Combine(DirectoryPath, "client.key");

    /// <summary>A client certificate from a CA the server does not trust.</summary>
    public string ForeignCertificatePath => Path.Combine(DirectoryPath, "foreign.pem");

    public string ForeignKeyPath => Path.Combine(DirectoryPath, "foreign.key");

    /// <summary>Creates a site and an agent on the host and issues the agent a certificate, as enrollment does.</summary>
    public static async Task<PemFiles> IssueAsync(BrokerHost host)
    {
        var fleet = host.Services.GetRequiredService<FleetService>();
        var prefix = "Acme/Interop" + Guid.NewGuid().ToString("N")[..8];
        var site = await fleet.CreateSiteAsync("Interop " + Guid.NewGuid().ToString("N"), prefix, "admin:test", CancellationToken.None);
        var agent = await fleet.CreateAgentAsync(site.Id, "interop-agent", "admin:test", CancellationToken.None);
        var files = new PemFiles(agent.Id, prefix);
        var authority = host.Services.GetRequiredService<CertificateAuthority>();
        await File.WriteAllTextAsync(files.CaPath, authority.ChainPem);
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await using var db = host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Proxus.Server.Data.ProxusDbContext>>().CreateDbContext();
            using var issued = authority.IssueAgentCertificate(db, agent, new PublicKey(key));
            await db.SaveChangesAsync();
            using var withKey = issued.CopyWithPrivateKey(key);
            TestCertificates.WritePem(withKey, files.ClientCertificatePath, files.ClientKeyPath);
        }

        using var stranger = TestCertificates.Create("Stranger CA");
        using var foreign = stranger.IssueClient(agent.Id.ToString("D"));
        TestCertificates.WritePem(foreign, files.ForeignCertificatePath, files.ForeignKeyPath);
        return files;
    }

    public void Dispose() => Directory.Delete(DirectoryPath, recursive: true);
}
