namespace Proxus.Core.Model;

/// <summary>How a deadband's value is read.</summary>
public enum DeadbandKind
{
    /// <summary>An amount in the published unit.</summary>
    Absolute,

    /// <summary>A percentage of the engineering range's span, converted to the published unit.</summary>
    Percent,
}
