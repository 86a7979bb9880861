using System.Text.Json.Serialization;

namespace Proxus.Core.Model;

/// <summary>
/// The top of the ISA-95 hierarchy a tag map belongs to: the enterprise and the site. Areas, lines
/// and machines are the next levels of each tag's <see cref="Uns.UnsPath"/>.
/// </summary>
public sealed record Site(string Enterprise, string Name)
{
    /// <summary>The UNS prefix every tag path of the site starts with: <c>Enterprise/Site</c>.</summary>
    [JsonIgnore]
    public string Prefix => Enterprise + "/" + Name;
}
