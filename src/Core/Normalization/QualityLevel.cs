namespace Proxus.Core.Normalization;

/// <summary>How far a published value can be trusted.</summary>
public enum QualityLevel
{
    Good,
    Uncertain,
    Bad,
}
