using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Proxus.Server.Data;
using Proxus.Server.Hosting;

namespace Proxus.Server.Pki;

/// <summary>
/// Encrypts private keys at rest as PKCS#8 EncryptedPrivateKeyInfo (PBES2: PBKDF2-HMAC-SHA256,
/// AES-256-CBC) under the key-encryption key: <c>Pki:KeyEncryptionKey</c> when configured,
/// otherwise a random 256-bit secret created once in the data directory (mode 0600). The database
/// therefore never holds a usable private key, and a copy of it alone reveals none.
/// </summary>
public sealed partial class PrivateKeyProtector
{
    /// <summary>The file that holds the generated key-encryption key, under the data directory.</summary>
    public const string KeyFileName = "key-encryption.key";

    private const int Iterations = 100_000;
    private static readonly PbeParameters Encryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations);

    private readonly Lazy<string> _keyEncryptionKey;

    public PrivateKeyProtector(IOptions<PkiOptions> pkiOptions, IOptions<DatabaseOptions> databaseOptions, ILogger<PrivateKeyProtector> logger)
    {
        _keyEncryptionKey = new Lazy<string>(() => pkiOptions.Value.KeyEncryptionKey ?? LoadOrCreateKeyFile(databaseOptions.Value.DataDirectory, logger));
    }

    public byte[] Protect(AsymmetricAlgorithm key) => key.ExportEncryptedPkcs8PrivateKey(_keyEncryptionKey.Value, Encryption);

    /// <summary>
    /// A 256-bit key for another secret at rest, derived from the key-encryption key with HKDF-SHA256
    /// (RFC 5869); <paramref name="purpose"/> separates the uses, so no two share a key.
    /// </summary>
    public byte[] DeriveKey(string purpose)
        => HKDF.DeriveKey(HashAlgorithmName.SHA256, System.Text.Encoding.UTF8.GetBytes(_keyEncryptionKey.Value), 32, info: System.Text.Encoding.UTF8.GetBytes(purpose));

    public ECDsa UnprotectECDsa(byte[] encrypted)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportEncryptedPkcs8PrivateKey(_keyEncryptionKey.Value, encrypted, out _);
            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new InvalidOperationException("A stored private key cannot be decrypted: the key-encryption key (Pki:KeyEncryptionKey or the data directory's key file) is not the one it was encrypted with.", e);
        }
    }

    private static string LoadOrCreateKeyFile(string dataDirectory, ILogger logger)
    {
        var directory = Path.Combine(dataDirectory, "pki");
        ServerInitializer.CreatePrivateDirectory(directory);
        var path = Path.Combine(directory, KeyFileName);
        if (!File.Exists(path))
        {
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(secret);
                LogKeyFileCreated(logger, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        var key = File.ReadAllText(path).Trim();
        if (key.Length < PkiOptionsValidator.MinimumKeyEncryptionKeyLength)
        {
            throw new InvalidOperationException($"The key-encryption key file {path} is truncated.");
        }

        return key;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Created a key-encryption key in {Path}; in production provide Pki:KeyEncryptionKey from a secret store instead, and keep it off the database host")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);
}
