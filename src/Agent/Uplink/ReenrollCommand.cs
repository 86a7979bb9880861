using System.Security.Cryptography.X509Certificates;
using Proxus.Agent.Identity;

namespace Proxus.Agent.Uplink;

/// <summary>
/// The exact command that enrolls this agent again (docs/agent-cli.md, <c>enroll</c>): the server and
/// the root CA's fingerprint it enrolled with, its data directory, and <c>--force</c> to replace the
/// refused identity; only the one-time token must come from the portal.
/// </summary>
internal static class ReenrollCommand
{
    public const string TokenPlaceholder = "<new token from the portal>";

    public static string For(AgentCredentials credentials, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var root = RootOf(credentials.TrustAnchors);
        var command = $"proxus-agent enroll --server {credentials.Enrollment.Server} --token \"{TokenPlaceholder}\"";
        if (root is not null)
        {
            command += " --ca-fingerprint " + EnrollmentClient.FingerprintOf(root);
        }

        if (credentials.Enrollment.Broker != DefaultBroker(credentials.Enrollment.Server))
        {
            command += " --broker " + credentials.Enrollment.Broker;
        }

        if (dataDirectory is not null)
        {
            command += " --data-dir " + dataDirectory;
        }

        return command + " --force";
    }

    /// <summary>The self-signed anchor (the root the fingerprint names), else the last of the chain.</summary>
    private static X509Certificate2? RootOf(X509Certificate2Collection anchors)
    {
        X509Certificate2? last = null;
        foreach (var anchor in anchors)
        {
            if (anchor.SubjectName.RawData.AsSpan().SequenceEqual(anchor.IssuerName.RawData))
            {
                return anchor;
            }

            last = anchor;
        }

        return last;
    }

    /// <summary>What <c>enroll</c> assumes without <c>--broker</c>.</summary>
    private static Uri DefaultBroker(Uri server) => new UriBuilder("mqtts", server.Host, EnrollmentClient.DefaultBrokerPort).Uri;
}
