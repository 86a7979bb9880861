namespace Proxus.Server.Mqtt;

/// <summary>Topics from the network, made safe for a log line.</summary>
internal static class TopicText
{
    private const int MaxShown = 200;

    /// <summary>At most 200 characters (then "..."), control characters replaced by '?'.</summary>
    public static string Printable(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var shown = topic.Length > MaxShown ? topic[..MaxShown] + "..." : topic;
        return string.Create(shown.Length, shown, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
