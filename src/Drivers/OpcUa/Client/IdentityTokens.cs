using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Proxus.Drivers.OpcUa.Binary;
using Proxus.Drivers.OpcUa.Security;
using Proxus.Drivers.OpcUa.Services;

namespace Proxus.Drivers.OpcUa.Client;

/// <summary>
/// Builds the user identity token of ActivateSession (Part 4 section 7.41) for the endpoint's matching
/// token policy: anonymous; user name with the password encrypted under the token's security policy
/// (length-prefixed password + server nonce, RSA-OAEP with the server key, section 7.41.2.2); or
/// X.509 with a signature over the server certificate and nonce.
/// </summary>
internal static class IdentityTokens
{
    public static (NodeId TypeId, Action<UaBinaryWriter> Write, SignatureData Signature) Build(
        UserIdentity identity, EndpointDescription endpoint, SecurityPolicy channelPolicy, X509Certificate2? serverCertificate, byte[] serverNonce)
    {
        var policy = endpoint.UserIdentityTokens.FirstOrDefault(t => t.TokenType == identity.TokenType)
            ?? throw new OpcUaException(StatusCode.BadIdentityTokenInvalid, $"The endpoint accepts no {identity.TokenType} identity; it accepts: {string.Join(", ", endpoint.UserIdentityTokens.Select(t => t.TokenType))}.");
        var tokenPolicy = string.IsNullOrEmpty(policy.SecurityPolicyUri) ? channelPolicy : SecurityPolicy.FromUri(policy.SecurityPolicyUri);
        switch (identity)
        {
            case UserNameIdentity user:
                var (password, algorithm) = EncryptPassword(user.Password, tokenPolicy, serverCertificate, serverNonce);
                return (new NodeId(ServiceIds.UserNameIdentityToken), w =>
                {
                    w.WriteString(policy.PolicyId);
                    w.WriteString(user.UserName);
                    w.WriteByteString(password);
                    w.WriteString(algorithm);
                }, SignatureData.Empty);
            case X509Identity x509:
                var signingPolicy = tokenPolicy.IsNone ? SecurityPolicy.Basic256Sha256 : tokenPolicy;
                using (var key = x509.Certificate.GetRSAPrivateKey() ?? throw new OpcUaException(StatusCode.BadIdentityTokenInvalid, "The user certificate has no RSA private key."))
                {
                    var data = Concat(serverCertificate?.RawData ?? [], serverNonce);
                    var signature = new SignatureData(signingPolicy.AsymmetricSignatureUri, AsymmetricCrypto.Sign(signingPolicy, key, data));
                    var raw = x509.Certificate.RawData;
                    return (new NodeId(ServiceIds.X509IdentityToken), w =>
                    {
                        w.WriteString(policy.PolicyId);
                        w.WriteByteString(raw);
                    }, signature);
                }

            default:
                return (new NodeId(ServiceIds.AnonymousIdentityToken), w => w.WriteString(policy.PolicyId), SignatureData.Empty);
        }
    }

    private static (byte[] Secret, string? Algorithm) EncryptPassword(string password, SecurityPolicy policy, X509Certificate2? serverCertificate, byte[] serverNonce)
    {
        var plain = Encoding.UTF8.GetBytes(password);
        if (policy.IsNone)
        {
            return (plain, null);
        }

        if (serverCertificate is null)
        {
            throw new OpcUaException(StatusCode.BadIdentityTokenInvalid, "The password must be encrypted but the server certificate is unknown.");
        }

        var secret = new byte[4 + plain.Length + serverNonce.Length];
        BinaryPrimitives.WriteInt32LittleEndian(secret, plain.Length + serverNonce.Length);
        plain.CopyTo(secret, 4);
        serverNonce.CopyTo(secret, 4 + plain.Length);
        using var key = serverCertificate.GetRSAPublicKey()!;
        var block = AsymmetricCrypto.PlainTextBlockSize(policy, key);
        using var output = new MemoryStream();
        for (var offset = 0; offset < secret.Length; offset += block)
        {
            output.Write(key.Encrypt(secret.AsSpan(offset, Math.Min(block, secret.Length - offset)), policy.AsymmetricEncryptionPadding!));
        }

        CryptographicOperations.ZeroMemory(secret);
        CryptographicOperations.ZeroMemory(plain);
        return (output.ToArray(), policy.AsymmetricEncryptionUri);
    }

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result, 0);
        second.CopyTo(result, first.Length);
        return result;
    }
}
