using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Proxus.Server.Data;
using Proxus.Server.Hosting;
using Proxus.Server.Pki;

namespace Proxus.Server.Audit;

/// <summary>Signs the chain head and keeps it in <c>{DataDirectory}/audit/head.json</c> (written atomically).</summary>
public sealed class AuditHeadStore(CertificateAuthority authority, IOptions<DatabaseOptions> databaseOptions)
{
    public const string FileName = "head.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Path => System.IO.Path.Combine(databaseOptions.Value.DataDirectory, "audit", FileName);

    public SignedAuditHead Sign(AuditEntry entry)
    {
        var signature = authority.AuditSigningKey.SignData(
            SignedAuditHead.SignedBytes(entry.Sequence, entry.Hash, entry.Timestamp),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedAuditHead(entry.Sequence, Convert.ToHexStringLower(entry.Hash), entry.Timestamp, Convert.ToBase64String(signature));
    }

    public bool VerifySignature(SignedAuditHead head)
    {
        try
        {
            var bytes = SignedAuditHead.SignedBytes(head.Sequence, Convert.FromHexString(head.Hash), head.Timestamp);
            return authority.AuditSigningKey.VerifyData(bytes, Convert.FromBase64String(head.Signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async Task WriteAsync(SignedAuditHead head, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        ServerInitializer.CreatePrivateDirectory(directory);
        var temporary = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(head, Json), cancellationToken);
        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>The last exported head, or null if none was exported yet.</summary>
    public async Task<SignedAuditHead?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        await using var stream = File.OpenRead(Path);
        return await JsonSerializer.DeserializeAsync<SignedAuditHead>(stream, Json, cancellationToken);
    }
}
