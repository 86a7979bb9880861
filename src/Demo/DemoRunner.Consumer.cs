using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Proxus.Demo.Api;

namespace Proxus.Demo;

public sealed partial class DemoRunner
{
    /// <summary>The machine client whose certificate the printed <c>mosquitto_sub</c> command uses.</summary>
    public const string ConsumerName = "demo-uns-consumer";

    private const string ConsumerScope = "uns.read";

    /// <summary>A certificate closer to its end than this is replaced at start.</summary>
    private static readonly TimeSpan ConsumerRenewBefore = TimeSpan.FromDays(1);

    private string CaChainFile => Path.Combine(paths.ConsumerDirectory, "ca-chain.pem");

    private string ConsumerCertificateFile => Path.Combine(paths.ConsumerDirectory, "consumer.pem");

    private string ConsumerKeyFile => Path.Combine(paths.ConsumerDirectory, "consumer.key");

    /// <summary>
    /// A read-only UNS consumer for standard MQTT tools: a machine client with scope
    /// <c>uns.read</c> and a client certificate for a key generated here (it never leaves the data
    /// directory). The files are reused while the certificate is valid.
    /// </summary>
    private async Task<Guid> PrepareConsumerAsync(ProxusClient admin, ServerTrust trust, DemoState state, CancellationToken stopping)
    {
        Directory.CreateDirectory(paths.ConsumerDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(CaChainFile, trust.ChainPem, stopping).ConfigureAwait(false);
        var clients = await admin.ListMachineClientsAsync(stopping).ConfigureAwait(false);
        var clientId = clients.FirstOrDefault(c => c.Name == ConsumerName)?.ClientId
            ?? (await admin.CreateMachineClientAsync(ConsumerName, ConsumerScope, stopping).ConfigureAwait(false)).Client.ClientId;
        if (state.ConsumerClientId == clientId && ConsumerCertificateValid())
        {
            return clientId;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + clientId.ToString("D"), key, HashAlgorithmName.SHA256);
        var issued = await admin.IssueClientCertificateAsync(clientId, request.CreateSigningRequestPem(), stopping).ConfigureAwait(false);
        await WriteOwnerOnlyAsync(ConsumerKeyFile, key.ExportPkcs8PrivateKeyPem(), stopping).ConfigureAwait(false);
        await File.WriteAllTextAsync(ConsumerCertificateFile, issued.CertificatePem, stopping).ConfigureAwait(false);
        await File.WriteAllTextAsync(CaChainFile, issued.ChainPem, stopping).ConfigureAwait(false);
        state.ConsumerClientId = clientId;
        _store.Save(state);
        await output.WriteLineAsync($"UNS consumer {ConsumerName} ({clientId:D}): certificate until {issued.NotAfter:u}.").ConfigureAwait(false);
        return clientId;
    }

    /// <summary>The ready-to-paste command line of a read-only UNS consumer over mutual TLS.</summary>
    private string ConsumerCommand(DemoPorts ports, Guid clientId)
        => $"mosquitto_sub -h localhost -p {Invariant(ports.MqttTls)} --cafile {CaChainFile} --cert {ConsumerCertificateFile} --key {ConsumerKeyFile} -i {clientId:D} -V mqttv5 -t 'Acme/#' -v";

    private bool ConsumerCertificateValid()
    {
        if (!File.Exists(ConsumerCertificateFile) || !File.Exists(ConsumerKeyFile))
        {
            return false;
        }

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(ConsumerCertificateFile));
        return certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow > ConsumerRenewBefore;
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
