using Proxus.Server.Mqtt;
using Proxus.TestSupport;

namespace Proxus.Interop.Tests.Mqtt.Support;

/// <summary>A throw-away PKI written as PEM files for the server and the third-party peers.</summary>
public sealed class PemFiles : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public PemFiles()
    {
        Directory.CreateDirectory(DirectoryPath);
        File.WriteAllText(CaPath, _certificates.Ca.ExportCertificatePem());
        TestCertificates.WritePem(_certificates.Server, ServerCertificatePath, ServerKeyPath);
        using var client = _certificates.IssueClient("agent-1");
        TestCertificates.WritePem(client, ClientCertificatePath, ClientKeyPath);
        using var stranger = TestCertificates.Create("Stranger CA");
        using var foreign = stranger.IssueClient("intruder");
        TestCertificates.WritePem(foreign, ForeignCertificatePath, ForeignKeyPath);
    }

    public string DirectoryPath { get; } = Path.Combine(Path.GetTempPath(), "proxus-pki-" + Guid.NewGuid().ToString("N"));

    public string CaPath => Path.Combine(DirectoryPath, "ca.pem");

    public string ServerCertificatePath => Path.Combine(DirectoryPath, "server.pem");

    public string ServerKeyPath => Path.Combine(DirectoryPath, "server.key");

    public string ClientCertificatePath => Path.Combine(DirectoryPath, "client.pem");

    public string ClientKeyPath => Path.Combine(DirectoryPath, "client.key");

    /// <summary>A client certificate from a CA the server does not trust.</summary>
    public string ForeignCertificatePath => Path.Combine(DirectoryPath, "foreign.pem");

    public string ForeignKeyPath => Path.Combine(DirectoryPath, "foreign.key");

    public MqttTlsOptions ServerTls => new() { CertificatePath = ServerCertificatePath, KeyPath = ServerKeyPath, ClientCaPath = CaPath };

    public void Dispose()
    {
        _certificates.Dispose();
        Directory.Delete(DirectoryPath, recursive: true);
    }
}
