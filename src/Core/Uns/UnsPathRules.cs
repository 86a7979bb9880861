namespace Proxus.Core.Uns;

/// <summary>
/// The rules of a UNS path (see docs/uns.md):
/// 6 to 8 levels separated by '/', each 1..64 characters of A-Z a-z 0-9 '_' '-' '.', not '.' or '..';
/// at most 256 characters in all; no leading or trailing '/', no empty level, no MQTT wildcard
/// ('+', '#'), not starting with '$' (reserved for broker topics).
/// </summary>
public static class UnsPathRules
{
    public const int MinLevels = 6;
    public const int MaxLevels = 8;
    public const int MaxLevelLength = 64;
    public const int MaxLength = 256;

    /// <summary>The characters a level may contain, as worded in error messages.</summary>
    public const string AllowedCharacters = "letters A-Z a-z, digits 0-9, '_', '-', '.'";

    /// <summary>Returns the first rule the text breaks, or null for a valid path.</summary>
    public static UnsPathError? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new(UnsPathErrorCode.Empty, "the path is empty");
        }

        if (text.Length > MaxLength)
        {
            return new(UnsPathErrorCode.TooLong, $"the path is {text.Length} characters long; the limit is {MaxLength}");
        }

        if (text[0] == '$')
        {
            return new(UnsPathErrorCode.ReservedPrefix, "the path starts with '$', which is reserved for broker system topics");
        }

        if (text[0] == '/')
        {
            return new(UnsPathErrorCode.LeadingSlash, "the path starts with '/'");
        }

        if (text[^1] == '/')
        {
            return new(UnsPathErrorCode.TrailingSlash, "the path ends with '/'");
        }

        var level = 1;
        var levelStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '/')
            {
                var error = CheckLevelBounds(text.AsSpan(levelStart, i - levelStart), level);
                if (error is not null)
                {
                    return error;
                }

                level++;
                levelStart = i + 1;
                continue;
            }

            var c = text[i];
            if (c is '+' or '#')
            {
                return new(UnsPathErrorCode.Wildcard, $"the MQTT wildcard '{c}' at position {i + 1} is not allowed");
            }

            if (!IsAllowed(c))
            {
                return new(UnsPathErrorCode.InvalidCharacter, $"the character {Describe(c)} at position {i + 1} is not allowed ({AllowedCharacters})");
            }
        }

        var levels = level - 1;
        if (levels < MinLevels)
        {
            return new(UnsPathErrorCode.TooFewLevels, $"the path has {levels} levels; it needs at least {MinLevels} (Enterprise/Site/Area/Line/Machine/Tag)");
        }

        if (levels > MaxLevels)
        {
            return new(UnsPathErrorCode.TooManyLevels, $"the path has {levels} levels; the limit is {MaxLevels}");
        }

        return null;
    }

    /// <summary>Checks one level name on its own (an enterprise or site name), or returns null when valid.</summary>
    public static string? CheckLevelName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "the name is empty";
        }

        if (name.Length > MaxLevelLength)
        {
            return $"the name is {name.Length} characters long; the limit is {MaxLevelLength}";
        }

        if (name is "." or "..")
        {
            return $"the name '{name}' is not allowed";
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (!IsAllowed(name[i]))
            {
                return $"the character {Describe(name[i])} at position {i + 1} is not allowed ({AllowedCharacters})";
            }
        }

        return null;
    }

    /// <summary>True for the characters a level may hold.</summary>
    public static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static UnsPathError? CheckLevelBounds(ReadOnlySpan<char> level, int number)
    {
        if (level.IsEmpty)
        {
            return new(UnsPathErrorCode.EmptyLevel, $"level {number} is empty ('//')");
        }

        if (level.Length > MaxLevelLength)
        {
            return new(UnsPathErrorCode.LevelTooLong, $"level {number} is {level.Length} characters long; the limit is {MaxLevelLength}");
        }

        if (level is "." or "..")
        {
            return new(UnsPathErrorCode.DotLevel, $"level {number} is '{level}', which is not allowed");
        }

        return null;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
