namespace Proxus.Server.Configuration;

/// <summary>The upload formats of a tag map (docs/tag-maps.md).</summary>
public enum TagMapFormat
{
    /// <summary>The whole site: connections and tags.</summary>
    Yaml,

    /// <summary>The tag list only, against the connections of the site's current version.</summary>
    Csv,
}
