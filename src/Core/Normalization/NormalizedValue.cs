namespace Proxus.Core.Normalization;

/// <summary>An engineering value in the published unit, with its quality.</summary>
public readonly record struct NormalizedValue(TagValue Value, Quality Quality);
