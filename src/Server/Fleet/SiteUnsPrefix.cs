using System.Diagnostics.CodeAnalysis;
using Proxus.Core.Uns;

namespace Proxus.Server.Fleet;

/// <summary>
/// The rules of a site's UNS prefix: exactly two levels, <c>Enterprise/Site</c>, each a valid UNS
/// level name (<see cref="UnsPathRules.CheckLevelName"/>). With exactly two levels, two distinct
/// prefixes never contain one another, so unique prefixes give every site a disjoint subtree.
/// </summary>
public static class SiteUnsPrefix
{
    public static bool TryValidate(string? prefix, [NotNullWhen(false)] out string? error)
    {
        var levels = prefix?.Split('/') ?? [];
        if (levels.Length != 2)
        {
            error = "a site's UNS prefix has exactly two levels: Enterprise/Site";
            return false;
        }

        error = UnsPathRules.CheckLevelName(levels[0]) is { } enterprise ? "enterprise: " + enterprise
            : UnsPathRules.CheckLevelName(levels[1]) is { } site ? "site: " + site
            : null;
        return error is null;
    }

    /// <summary>True when <paramref name="topic"/> lies strictly below <paramref name="prefix"/> (ordinal: MQTT topics are case-sensitive).</summary>
    public static bool Contains(string prefix, string topic)
        => topic.Length > prefix.Length + 1 && topic[prefix.Length] == '/' && topic.StartsWith(prefix, StringComparison.Ordinal);
}
