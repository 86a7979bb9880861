using System.Globalization;

namespace Proxus.Agent.Commissioning;

public static partial class DeviceEndpointParser
{
    /// <summary>At most this many query parameters are accepted.</summary>
    private const int MaxQueryParameters = 16;

    private static QueryParameters ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (query.Length == 0)
        {
            return new QueryParameters(values);
        }

        var pairs = query.Split('&');
        if (pairs.Length > MaxQueryParameters)
        {
            throw new EndpointFormatException($"The query has more than {MaxQueryParameters} parameters.");
        }

        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == pair.Length - 1)
            {
                throw new EndpointFormatException($"Query parameter '{pair}' is not KEY=VALUE.");
            }

            var key = Uri.UnescapeDataString(pair[..equals]);
            if (!values.TryAdd(key, Uri.UnescapeDataString(pair[(equals + 1)..])))
            {
                throw new EndpointFormatException($"Query parameter '{key}' is given twice.");
            }
        }

        return new QueryParameters(values);
    }

    private sealed class QueryParameters(Dictionary<string, string> values)
    {
        public void RejectUnknown(string scheme, params string[] known)
        {
            foreach (var key in values.Keys)
            {
                if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new EndpointFormatException($"Unknown query parameter '{key}' for {scheme} (allowed: {string.Join(", ", known)}).");
                }
            }
        }

        public string? GetString(string key) => values.GetValueOrDefault(key);

        public int GetInt32(string key, int defaultValue, int min, int max)
        {
            if (!values.TryGetValue(key, out var text))
            {
                return defaultValue;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new EndpointFormatException($"{key} '{text}' is not a number {min}..{max}.");
        }
    }
}
