using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Proxus.Agent.Identity;

/// <summary>
/// Accepts a server certificate only when it names the host we dialled and chains to our own CA —
/// the operating system's trust store is never consulted, so a certificate from any other CA (a
/// man in the middle, even one with a publicly trusted certificate) fails the handshake before a
/// byte of application data is sent.
/// </summary>
public static class PinnedServerValidator
{
    public static RemoteCertificateValidationCallback Create(X509Certificate2Collection trustAnchors)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        return (_, certificate, chain, errors) => Validate(trustAnchors, certificate, chain, errors);
    }

    /// <summary>True when <paramref name="certificate"/> names the host and chains to one of <paramref name="trustAnchors"/>.</summary>
    public static bool Validate(X509Certificate2Collection trustAnchors, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(trustAnchors);
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustAnchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
