using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Proxus.Server.Data;
using Proxus.Server.Identity;
using Proxus.Server.Pki;

namespace Proxus.Server.Tests.Identity;

/// <summary>The Data Protection key ring (session cookies, anti-forgery) encrypted at rest under the PKI's key-encryption key.</summary>
public sealed class DataProtectionKeyRingTests : IDisposable
{
    private const string Purpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
    private const string KeyEncryptionKey = "a-key-encryption-key-of-at-least-32-chars";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("proxus-dp-").FullName;

    private string KeyRing => Path.Combine(_dataDirectory, "data-protection");

    [Fact]
    public void NewKey_WrittenEncrypted_NoPlaintextKeyMaterialOnDisk()
    {
        using var services = Server(KeyEncryptionKey);
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

        var cookie = protector.Protect("session of admin");

        protector.Unprotect(cookie).Should().Be("session of admin");
        var file = Directory.GetFiles(KeyRing, "key-*.xml").Should().ContainSingle().Subject;
        var xml = XDocument.Load(file);
        xml.Descendants().Where(e => e.Name.LocalName == "masterKey").Should().BeEmpty("the master key is never written in the clear");
        var encrypted = xml.Descendants().Single(e => e.Name.LocalName == "encryptedSecret");
        encrypted.Attribute("decryptorType")!.Value.Should().StartWith(typeof(KeyRingXmlDecryptor).FullName);
        encrypted.Elements(KeyRingXmlEncryptor.ElementName).Should().ContainSingle();
        File.ReadAllText(file).Should().NotContain("<value>").And.NotContain("Warning: the key below is in an unencrypted form");
    }

    [Fact]
    public void KeyRingWrittenBeforeEncryption_StillDecryptsItsCookies()
    {
        string cookie;
        using (var before = Unencrypted())
        {
            cookie = before.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("issued before the upgrade");
        }

        File.ReadAllText(Directory.GetFiles(KeyRing, "key-*.xml").Single()).Should().Contain("<masterKey", "the old key ring holds a plaintext key");
        using var after = Server(KeyEncryptionKey);

        after.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(cookie).Should().Be("issued before the upgrade");
    }

    [Fact]
    public void EncryptedKeyRing_OtherKeyEncryptionKey_CannotReadCookies()
    {
        string cookie;
        using (var first = Server(KeyEncryptionKey))
        {
            cookie = first.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("secret session");
        }

        using var other = Server("another-key-encryption-key-of-32-chars!");
        var unprotect = () => other.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(cookie);

        unprotect.Should().Throw<CryptographicException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA")]
    [InlineData("not base64 at all")]
    public void Decrypt_MalformedOrTruncated_Refused(string content)
    {
        using var services = Server(KeyEncryptionKey);
        var decryptor = new KeyRingXmlDecryptor(services);

        var decrypt = () => decryptor.Decrypt(new XElement(KeyRingXmlEncryptor.ElementName, content));

        decrypt.Should().Throw<Exception>().Which.Should().Match<Exception>(e => e is CryptographicException || e is FormatException);
    }

    [Fact]
    public void Decrypt_TamperedCiphertextOrForeignElement_Refused()
    {
        using var services = Server(KeyEncryptionKey);
        var encrypted = new KeyRingXmlEncryptor(services.GetRequiredService<PrivateKeyProtector>()).Encrypt(new XElement("key", "material")).EncryptedElement;
        var bytes = Convert.FromBase64String(encrypted.Value);
        bytes[^1] ^= 1;
        var decryptor = new KeyRingXmlDecryptor(services);

        var tampered = () => decryptor.Decrypt(new XElement(KeyRingXmlEncryptor.ElementName, Convert.ToBase64String(bytes)));
        var foreign = () => decryptor.Decrypt(new XElement("encryptedKey", encrypted.Value));
        var oversized = () => decryptor.Decrypt(new XElement(KeyRingXmlEncryptor.ElementName, new string('A', 70_000)));

        decryptor.Decrypt(encrypted).Value.Should().Be("material");
        tampered.Should().Throw<CryptographicException>();
        foreign.Should().Throw<CryptographicException>();
        oversized.Should().Throw<CryptographicException>();
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>The server's registration (<see cref="IamServiceCollectionExtensions.AddProxusDataProtection"/>).</summary>
    private ServiceProvider Server(string keyEncryptionKey)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<DatabaseOptions>(o => o.DataDirectory = _dataDirectory);
        services.Configure<PkiOptions>(o => o.KeyEncryptionKey = keyEncryptionKey);
        services.AddSingleton<PrivateKeyProtector>();
        services.AddProxusDataProtection();
        return services.BuildServiceProvider();
    }

    /// <summary>How the server stored its key ring before: same directory, no encryptor.</summary>
    private ServiceProvider Unencrypted()
    {
        Directory.CreateDirectory(KeyRing);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("Proxus");
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeyRing), NullLoggerFactory.Instance));
        return services.BuildServiceProvider();
    }
}
