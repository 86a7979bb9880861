namespace Proxus.Server.Identity;

/// <summary>OAuth2 scopes a machine client may hold (space-separated in tokens, RFC 6749 3.3).</summary>
public static class Scopes
{
    /// <summary>Subscribe to the Unified Namespace (MQTT over WebSocket).</summary>
    public const string UnsRead = "uns.read";

    /// <summary>Query telemetry history.</summary>
    public const string HistoryRead = "history.read";

    /// <summary>Read sites, agents and configurations.</summary>
    public const string ConfigRead = "config.read";

    /// <summary>Publish configuration versions.</summary>
    public const string ConfigWrite = "config.write";

    /// <summary>Query, export and verify the audit log (e.g. a SIEM collector).</summary>
    public const string AuditRead = "audit.read";

    public static IReadOnlyList<string> All { get; } = [UnsRead, HistoryRead, ConfigRead, ConfigWrite, AuditRead];

    /// <summary>Parses a space-separated scope list; false if a scope is unknown or the text malformed.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<string> scopes)
    {
        scopes = [];
        if (text is null)
        {
            return true;
        }

        if (text.Length > 512)
        {
            return false;
        }

        var parsed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var scope in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!All.Contains(scope, StringComparer.Ordinal))
            {
                return false;
            }

            parsed.Add(scope);
        }

        scopes = [.. parsed];
        return true;
    }
}
