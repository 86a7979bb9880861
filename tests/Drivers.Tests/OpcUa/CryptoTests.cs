using System.Security.Cryptography;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.OpcUa.Security;

namespace Proxus.Drivers.Tests.OpcUa;

public sealed class CryptoTests
{
    [Fact]
    public void PSha256_MatchesNodeOpcUaVector()
    {
        var secret = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        var seed = Convert.FromHexString("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");

        var output = PSha256.Derive(secret, seed, 80);

        Convert.ToHexString(output).Should().Be(
            "61A327B65759ACA55DF8784D5DCBEA7719F37E3F442E630FA1F60363CB0DBA2BBA1B4E3DE1131ABA8C0D8498CC4C22CC6C329F6C7AEE4FB49F36F7128637113F706996BE59A07B1049CC9377A3AD0EC6");
    }

    [Theory]
    [InlineData("Basic256Sha256", 32)]
    [InlineData("Aes128_Sha256_RsaOaep", 16)]
    [InlineData("Aes256_Sha256_RsaPss", 32)]
    public void SymmetricKeys_Derive_SplitsSigningKeyEncryptingKeyAndIv(string policyName, int encryptingKeyLength)
    {
        var policy = SecurityPolicy.FromUri(policyName);
        var client = RandomNumberGenerator.GetBytes(32);
        var server = RandomNumberGenerator.GetBytes(32);
        var material = PSha256.Derive(server, client, 32 + encryptingKeyLength + 16);

        using var keys = SymmetricKeys.Derive(policy, server, client);

        keys.SigningKey.Should().Equal(material[..32]);
        keys.InitializationVector.Should().Equal(material[(32 + encryptingKeyLength)..]);
        policy.EncryptingKeyLength.Should().Be(encryptingKeyLength);
    }

    [Fact]
    public void SymmetricKeys_EncryptInPlaceThenDecrypt_RestoresThePlaintext()
    {
        using var keys = SymmetricKeys.Derive(SecurityPolicy.Basic256Sha256, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var plain = RandomNumberGenerator.GetBytes(64);
        var buffer = plain.ToArray();

        keys.Encrypt(buffer);
        buffer.Should().NotEqual(plain);
        keys.Decrypt(buffer);

        buffer.Should().Equal(plain);
    }

    [Fact]
    public void SymmetricKeys_TamperedData_FailsVerification()
    {
        using var keys = SymmetricKeys.Derive(SecurityPolicy.Aes128Sha256RsaOaep, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var data = RandomNumberGenerator.GetBytes(100);
        var signature = new byte[32];
        keys.Sign(data, signature);

        keys.Verify(data, signature).Should().BeTrue();
        data[50] ^= 1;
        keys.Verify(data, signature).Should().BeFalse();
    }

    [Fact]
    public void SymmetricKeys_DecryptPartialBlock_ThrowsBadSecurityChecksFailed()
    {
        using var keys = SymmetricKeys.Derive(SecurityPolicy.Basic256Sha256, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));

        var act = () => keys.Decrypt(new byte[17]);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadSecurityChecksFailed);
    }

    [Theory]
    [InlineData("Basic256Sha256")]
    [InlineData("Aes128_Sha256_RsaOaep")]
    [InlineData("Aes256_Sha256_RsaPss")]
    public void Asymmetric_EncryptDecryptSignVerify_RoundTripsOverSeveralBlocks(string policyName)
    {
        var policy = SecurityPolicy.FromUri(policyName);
        using var rsa = RSA.Create(2048);
        var block = AsymmetricCrypto.PlainTextBlockSize(policy, rsa);
        var plain = RandomNumberGenerator.GetBytes(block * 3);
        var cipher = new byte[256 * 3];
        var decrypted = new byte[cipher.Length];

        AsymmetricCrypto.Encrypt(policy, rsa, plain, cipher).Should().Be(cipher.Length);
        var length = AsymmetricCrypto.Decrypt(policy, rsa, cipher, decrypted);
        var signature = AsymmetricCrypto.Sign(policy, rsa, plain);

        decrypted[..length].Should().Equal(plain);
        AsymmetricCrypto.Verify(policy, rsa, plain, signature).Should().BeTrue();
        plain[0] ^= 1;
        AsymmetricCrypto.Verify(policy, rsa, plain, signature).Should().BeFalse();
    }

    [Fact]
    public void Asymmetric_CorruptCiphertext_ThrowsBadSecurityChecksFailed()
    {
        using var rsa = RSA.Create(2048);

        var act = () => AsymmetricCrypto.Decrypt(SecurityPolicy.Basic256Sha256, rsa, new byte[256], new byte[256]);

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadSecurityChecksFailed);
    }

    [Theory]
    [InlineData("http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256", "Basic256Sha256")]
    [InlineData("aes128_sha256_rsaoaep", "Aes128_Sha256_RsaOaep")]
    [InlineData("", "None")]
    public void SecurityPolicy_FromUriOrName_FindsThePolicy(string text, string name)
        => SecurityPolicy.FromUri(text).Name.Should().Be(name);

    [Fact]
    public void SecurityPolicy_Unsupported_ThrowsBadSecurityPolicyRejected()
    {
        var act = () => SecurityPolicy.FromUri("http://opcfoundation.org/UA/SecurityPolicy#Basic128Rsa15");

        act.Should().Throw<OpcUaException>().Which.StatusCode.Should().Be(StatusCode.BadSecurityPolicyRejected);
    }
}
