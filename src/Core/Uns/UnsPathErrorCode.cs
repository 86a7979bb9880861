namespace Proxus.Core.Uns;

/// <summary>The rule a candidate UNS path breaks.</summary>
public enum UnsPathErrorCode
{
    Empty,
    TooLong,
    LeadingSlash,
    TrailingSlash,
    EmptyLevel,
    Wildcard,
    ReservedPrefix,
    InvalidCharacter,
    DotLevel,
    LevelTooLong,
    TooFewLevels,
    TooManyLevels,
}
