namespace Proxus.Core.Normalization;

/// <summary>What a <see cref="TagValue"/> holds.</summary>
public enum TagValueKind
{
    None,
    Bool,
    Int64,
    UInt64,
    Double,
    String,
    DateTime,
}
