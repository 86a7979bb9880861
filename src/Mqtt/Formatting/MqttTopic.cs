namespace Proxus.Mqtt.Formatting;

/// <summary>
/// Topic names, topic filters and their matching (MQTT 5.0 section 4.7, shared subscriptions
/// section 4.8.2; MQTT 3.1.1 section 4.7). Comparisons are ordinal: topics are case-sensitive.
/// </summary>
public static class MqttTopic
{
    /// <summary>The prefix of a shared subscription filter: <c>$share/{ShareName}/{filter}</c>.</summary>
    public const string SharedSubscriptionPrefix = "$share/";

    private const int MaximumUtf8Length = ushort.MaxValue;

    /// <summary>
    /// A topic name as PUBLISH carries it: at least one character, no <c>+</c> or <c>#</c>, no
    /// U+0000, well-formed UTF-16, at most 65,535 UTF-8 bytes.
    /// </summary>
    public static bool IsValidTopicName(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.Length != 0
            && !topic.AsSpan().ContainsAny('+', '#', '\0')
            && IsEncodable(topic);
    }

    /// <summary>
    /// A topic filter as SUBSCRIBE and UNSUBSCRIBE carry it: at least one character; <c>+</c> only as
    /// a whole level; <c>#</c> only as the whole last level; for <c>$share/{ShareName}/{filter}</c> a
    /// non-empty share name without wildcards followed by a non-empty filter.
    /// </summary>
    public static bool IsValidTopicFilter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length == 0 || filter.Contains('\0', StringComparison.Ordinal) || !IsEncodable(filter))
        {
            return false;
        }

        var levels = filter.AsSpan();
        if (levels.StartsWith(SharedSubscriptionPrefix, StringComparison.Ordinal))
        {
            var rest = levels[SharedSubscriptionPrefix.Length..];
            var slash = rest.IndexOf('/');
            if (slash <= 0 || rest[..slash].ContainsAny('+', '#'))
            {
                return false;
            }

            levels = rest[(slash + 1)..];
            if (levels.IsEmpty)
            {
                return false;
            }
        }

        return HasValidWildcards(levels);
    }

    /// <summary>
    /// Whether a topic name matches a (valid) topic filter. <c>+</c> matches one whole level,
    /// <c>#</c> the parent level and any number of child levels; a filter that starts with a
    /// wildcard does not match a topic that starts with <c>$</c> (section 4.7.2). For a shared
    /// subscription filter the part after the share name is matched.
    /// </summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        var f = StripShare(filter.AsSpan());
        var t = topic.AsSpan();
        if (f.IsEmpty || t.IsEmpty)
        {
            return false;
        }

        if (t[0] == '$' && (f[0] == '+' || f[0] == '#'))
        {
            return false;
        }

        while (true)
        {
            var filterSlash = f.IndexOf('/');
            var filterLevel = filterSlash < 0 ? f : f[..filterSlash];
            if (filterLevel is "#")
            {
                return true;
            }

            var topicSlash = t.IndexOf('/');
            var topicLevel = topicSlash < 0 ? t : t[..topicSlash];
            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }

            if (filterSlash < 0)
            {
                return topicSlash < 0;
            }

            f = f[(filterSlash + 1)..];
            if (topicSlash < 0)
            {
                // The topic has no more levels: only a trailing "#" (matching the parent) remains valid.
                return f is "#";
            }

            t = t[(topicSlash + 1)..];
        }
    }

    private static ReadOnlySpan<char> StripShare(ReadOnlySpan<char> filter)
    {
        if (!filter.StartsWith(SharedSubscriptionPrefix, StringComparison.Ordinal))
        {
            return filter;
        }

        var rest = filter[SharedSubscriptionPrefix.Length..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? [] : rest[(slash + 1)..];
    }

    private static bool HasValidWildcards(ReadOnlySpan<char> filter)
    {
        while (true)
        {
            var slash = filter.IndexOf('/');
            var level = slash < 0 ? filter : filter[..slash];
            if (level.ContainsAny('+', '#'))
            {
                var valid = level is "+" || (level is "#" && slash < 0);
                if (!valid)
                {
                    return false;
                }
            }

            if (slash < 0)
            {
                return true;
            }

            filter = filter[(slash + 1)..];
        }
    }

    /// <summary>Well-formed UTF-16 (no lone surrogate) of at most 65,535 UTF-8 bytes.</summary>
    private static bool IsEncodable(string value)
    {
        if (value.Length > MaximumUtf8Length)
        {
            return false;
        }

        var bytes = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x80)
            {
                bytes += 1;
            }
            else if (c < 0x800)
            {
                bytes += 2;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                bytes += 4;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
            else
            {
                bytes += 3;
            }
        }

        return bytes <= MaximumUtf8Length;
    }
}
