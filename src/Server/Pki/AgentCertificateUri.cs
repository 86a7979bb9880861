using System.Diagnostics.CodeAnalysis;

namespace Proxus.Server.Pki;

/// <summary>
/// The URI subject alternative name that binds a certificate to an agent and its site:
/// <c>urn:proxus:agent:{agentId}:site:{siteId}</c> (ids as lower-case GUIDs).
/// </summary>
public static class AgentCertificateUri
{
    private const string Prefix = "urn:proxus:agent:";
    private const string SiteInfix = ":site:";

    public static Uri Create(Guid agentId, Guid siteId) => new($"{Prefix}{agentId:D}{SiteInfix}{siteId:D}");

    public static bool TryParse(Uri uri, out Guid agentId, out Guid siteId)
    {
        agentId = Guid.Empty;
        siteId = Guid.Empty;
        var text = uri.OriginalString;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var infix = rest.IndexOf(SiteInfix, StringComparison.Ordinal);
        return infix > 0
            && Guid.TryParseExact(rest[..infix], "D", out agentId)
            && Guid.TryParseExact(rest[(infix + SiteInfix.Length)..], "D", out siteId);
    }

    [SuppressMessage("Design", "CA1055:URI-like return values should not be strings", Justification = "Rendered for logs and documentation.")]
    public static string Format(Guid agentId, Guid siteId) => Create(agentId, siteId).OriginalString;
}
