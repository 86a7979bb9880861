namespace Proxus.Agent.Uplink;

/// <summary>An exception and its causes in one line, for logs and the status.</summary>
internal static class ErrorText
{
    /// <summary>
    /// The messages of the exception and up to three causes, outermost first, joined by <c> &lt;- </c>.
    /// A cause whose message an outer one already quotes (the MQTT client wraps a transport error
    /// with its text) is left out, so no sentence appears twice.
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>();
        for (var current = exception; current is not null && parts.Count < 4; current = current.InnerException)
        {
            var message = current.Message.Trim();
            if (message.Length > 0 && !parts.Exists(part => part.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        return string.Join(" <- ", parts);
    }
}
