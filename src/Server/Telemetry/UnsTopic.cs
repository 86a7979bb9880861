namespace Proxus.Server.Telemetry;

/// <summary>
/// The checks a PUBLISH topic passes before it becomes a tag path: a UNS path is
/// <c>Enterprise/Site/.../Tag</c>, with no empty level, no wildcard, no system (<c>$</c>) prefix and
/// no control character.
/// </summary>
internal static class UnsTopic
{
    /// <summary>The longest tag path stored (<c>telemetry_tags.path</c>).</summary>
    public const int MaxLength = 1024;

    public static bool IsValid(string topic)
    {
        if (topic.Length is 0 or > MaxLength || topic[0] is '$' or '/' || topic[^1] == '/')
        {
            return false;
        }

        var previous = '\0';
        foreach (var c in topic)
        {
            if (c is '+' or '#' || char.IsControl(c) || char.IsSurrogate(c) || (c == '/' && previous == '/'))
            {
                return false;
            }

            previous = c;
        }

        return true;
    }
}
