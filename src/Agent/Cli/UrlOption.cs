using System.CommandLine.Parsing;

namespace Proxus.Agent.Cli;

/// <summary>
/// Parses an absolute URL option value (System.CommandLine has no converter for <see cref="Uri"/>):
/// anything else is a usage error naming the value, never an unhandled exception.
/// </summary>
internal static class UrlOption
{
    public static Uri? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            return url;
        }

        result.AddError($"'{text}' is not an absolute URL (e.g. https://proxus.example.com:8443 or mqtts://proxus.example.com:8883).");
        return null;
    }
}
