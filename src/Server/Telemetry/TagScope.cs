using Proxus.Server.Fleet;

namespace Proxus.Server.Telemetry;

/// <summary>
/// The telemetry tags a caller may read: every tag, or those below the UNS namespaces
/// (<c>Enterprise/Site</c>) of the caller's sites. Built by <see cref="TagAccess"/>.
/// </summary>
public sealed class TagScope
{
    private readonly IReadOnlyList<string>? _prefixes;

    private TagScope(IReadOnlyList<string>? prefixes) => _prefixes = prefixes;

    /// <summary>Every tag (Admin, Approver, Auditor, Viewer, machine clients).</summary>
    public static TagScope Everything { get; } = new(null);

    /// <summary>Only the tags below <paramref name="prefixes"/> (each <c>Enterprise/Site</c>).</summary>
    public static TagScope Below(IEnumerable<string> prefixes) => new([.. prefixes]);

    /// <summary>True when the caller may read <paramref name="tag"/>.</summary>
    public bool Covers(string tag) => _prefixes is null || _prefixes.Any(prefix => SiteUnsPrefix.Contains(prefix, tag));
}
