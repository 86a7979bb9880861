namespace Proxus.Core.TagMaps;

/// <summary>Bounds an upload must stay within; checked before and while parsing.</summary>
public sealed record TagMapLimits
{
    public static TagMapLimits Default { get; } = new();

    /// <summary>Largest accepted upload.</summary>
    public int MaxBytes { get; init; } = 64 * 1024 * 1024;

    public int MaxTags { get; init; } = 200_000;

    public int MaxConnections { get; init; } = 1_000;

    public int MaxPollGroupsPerConnection { get; init; } = 32;

    /// <summary>Longest cell or scalar, in characters.</summary>
    public int MaxFieldLength { get; init; } = 1_024;

    /// <summary>Deepest YAML nesting of mappings and sequences (a valid tag map needs 5).</summary>
    public int MaxYamlDepth { get; init; } = 8;

    /// <summary>After this many errors the import stops collecting and says so.</summary>
    public int MaxErrors { get; init; } = 1_000;

    /// <summary>The fastest polling a tag or poll group may ask for.</summary>
    public TimeSpan MinimumPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
