using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Agent.Identity;
using Proxus.Agent.Storage;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.TestSupport;

namespace Proxus.Agent.Tests.Support;

/// <summary>
/// An enrolled agent's data directory made directly from a test CA (as enrollment would have left
/// it), plus the configuration-signing key the tests sign envelopes with.
/// </summary>
public sealed class TestAgent : IDisposable
{
    private TestAgent(TestCertificates pki, Guid agentId, Uri broker, Uri server)
    {
        Pki = pki;
        AgentId = agentId;
        Paths = new AgentPaths(Path.Combine(Path.GetTempPath(), "proxus-agent-" + Guid.NewGuid().ToString("N")));
        SigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Signer = new ConfigSigner(SigningKey);
        using var certificate = pki.IssueClient(agentId.ToString("D"));
        using var key = certificate.GetECDsaPrivateKey()!;
        Record = new EnrollmentRecord(agentId, Guid.NewGuid(), server, broker, DateTimeOffset.UtcNow);
        AgentCredentials.Save(Paths, Record, certificate.ExportCertificatePem(), key, pki.Ca.ExportCertificatePem(), SigningKey.ExportSubjectPublicKeyInfoPem());
    }

    public TestCertificates Pki { get; }

    public Guid AgentId { get; }

    public string AgentIdText => AgentId.ToString("D");

    public AgentPaths Paths { get; }

    public EnrollmentRecord Record { get; }

    public ECDsa SigningKey { get; }

    public ConfigSigner Signer { get; }

    /// <summary>An agent whose broker is <paramref name="broker"/> and whose server (config API) is <paramref name="server"/> (default: a closed port).</summary>
    public static TestAgent Create(TestCertificates pki, Uri broker, Uri? server = null)
        => new(pki, Guid.NewGuid(), broker, server ?? new Uri("https://127.0.0.1:1/"));

    public static Site Site { get; } = new("Acme", "SiteA");

    public AgentConfiguration Configuration(IReadOnlyList<Connection> connections, IReadOnlyList<Tag> tags) => new(AgentIdText, Site, connections, tags);

    public byte[] Sign(AgentConfiguration configuration, long version, TimeSpan? lifetime = null) => Signer.Sign(configuration, version, lifetime ?? TimeSpan.FromDays(1));

    /// <summary>Writes <paramref name="envelope"/> as the stored configuration.</summary>
    public void Store(byte[] envelope)
    {
        Directory.CreateDirectory(Paths.ConfigDirectory);
        File.WriteAllBytes(Paths.ConfigPath, envelope);
    }

    public X509Certificate2Collection Anchors => [Pki.Ca];

    public void Dispose()
    {
        SigningKey.Dispose();
        try
        {
            Directory.Delete(Paths.Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still be letting go of a file; the temp directory is cleaned later.
        }
    }
}
