using System.Security.Cryptography.X509Certificates;
using Proxus.Drivers.OpcUa;

namespace Proxus.Interop.Tests.OpcUa;

public sealed class SecurityTests(NodeOpcUaServer server) : IClassFixture<NodeOpcUaServer>
{
    public static TheoryData<string, MessageSecurityMode> SecureEndpoints => new()
    {
        { "Basic256Sha256", MessageSecurityMode.Sign },
        { "Basic256Sha256", MessageSecurityMode.SignAndEncrypt },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.Sign },
        { "Aes128_Sha256_RsaOaep", MessageSecurityMode.SignAndEncrypt },
    };

    [Theory]
    [MemberData(nameof(SecureEndpoints))]
    public async Task ConnectAsync_SecurePolicy_ReadsWritesAndBrowses(string policy, MessageSecurityMode mode)
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.FromUri(policy), mode));

        await client.WriteAsync("ns=1;s=WritableString", $"{policy}/{mode}");
        var values = await client.ReadAsync(Enumerable.Range(0, 300).Select(i => new NodeId($"Dynamic.{i}", 1)).Append(new NodeId("WritableString", 1)).ToArray());
        var references = await client.BrowseAsync(new NodeId("Dynamic", 1), maxReferencesPerRequest: 200);

        client.Endpoint.SecurityMode.Should().Be(mode);
        client.Endpoint.SecurityPolicyUri.Should().EndWith(policy);
        values.Should().OnlyContain(v => v.Status.IsGood);
        values[^1].Value.Value.Should().Be($"{policy}/{mode}");
        references.Should().HaveCount(1002);
    }

    [Theory]
    [MemberData(nameof(SecureEndpoints))]
    public async Task ConnectAsync_UserNameOnSecureChannel_IsAccepted(string policy, MessageSecurityMode mode)
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.FromUri(policy), mode, new UserNameIdentity("operator", "secret")));

        (await client.ReadAsync("ns=1;s=Double")).Value.Value.Should().Be(3.14159);
    }

    [Fact]
    public async Task ConnectAsync_UserNameOnUnsecuredChannel_EncryptsThePasswordPerTokenPolicy()
    {
        await using var client = await OpcUaClient.ConnectAsync(server.Options(identity: new UserNameIdentity("operator", "secret")));

        (await client.ReadAsync("ns=1;s=Double")).Value.Value.Should().Be(3.14159);
    }

    [Fact]
    public async Task ConnectAsync_X509Identity_SignsWithTheUserKeyAndIsAccepted()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest("CN=proxus-operator", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")], false));
        using var user = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        await using var client = await OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, new X509Identity(user)));

        (await client.ReadAsync("ns=1;s=Boolean")).Value.Value.Should().Be(true);
    }

    [Fact]
    public async Task ConnectAsync_WrongPassword_ThrowsIdentityRejection()
    {
        var act = () => OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, new UserNameIdentity("operator", "wrong")));

        var error = (await act.Should().ThrowAsync<OpcUaException>()).Which;
        error.StatusCode.IsBad.Should().BeTrue();
        error.StatusCode.Code.Should().BeOneOf(StatusCode.BadUserAccessDenied.Code, StatusCode.BadIdentityTokenRejected.Code, StatusCode.BadIdentityTokenInvalid.Code);
    }

    [Fact]
    public async Task ConnectAsync_ServerCertificateNotTrusted_ThrowsBadCertificateUntrustedAndKeepsItInRejected()
    {
        var emptyPki = Directory.CreateTempSubdirectory("proxus-opcua-untrusted-").FullName;
        try
        {
            var act = () => OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt) with { PkiDirectory = emptyPki });

            var error = (await act.Should().ThrowAsync<OpcUaException>()).Which;
            error.StatusCode.Should().Be(StatusCode.BadCertificateUntrusted);
            error.Message.Should().Contain("trusted");
            Directory.GetFiles(Path.Combine(emptyPki, "rejected", "certs")).Should().ContainSingle();
        }
        finally
        {
            Directory.Delete(emptyPki, recursive: true);
        }
    }

    [Fact]
    public async Task ConnectAsync_FirstUse_CreatesAnRsa2048CertificateWithTheApplicationUri()
    {
        var pki = Directory.CreateTempSubdirectory("proxus-opcua-own-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(pki, "trusted", "certs"));
            File.Copy(server.ServerCertificatePath, Path.Combine(pki, "trusted", "certs", "server.der"));
            await using (var client = await OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign) with { PkiDirectory = pki }))
            {
                (await client.ReadAsync("ns=1;s=Boolean")).Value.Value.Should().Be(true);
            }

            var certificateFile = Directory.GetFiles(Path.Combine(pki, "own", "certs")).Should().ContainSingle().Subject;
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificateFile);
            certificate.GetRSAPublicKey()!.KeySize.Should().Be(2048);
            Proxus.Drivers.OpcUa.Pki.CertificateStore.GetApplicationUri(certificate).Should().Be("urn:proxus:interop:client");
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    [Fact]
    public async Task ConnectAsync_PolicyTheServerDoesNotOffer_ThrowsBadSecurityPolicyRejected()
    {
        var act = () => OpcUaClient.ConnectAsync(server.Options(SecurityPolicy.Aes256Sha256RsaPss, MessageSecurityMode.SignAndEncrypt));

        (await act.Should().ThrowAsync<OpcUaException>()).Which.StatusCode.Should().Be(StatusCode.BadSecurityPolicyRejected);
    }
}
