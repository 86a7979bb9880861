namespace Proxus.Server.Telemetry;

/// <summary>A validated history request: distinct tags and the half-open range <c>[From, To)</c>, in UTC.</summary>
internal sealed record HistoryQuery(IReadOnlyList<string> Tags, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Checks the common parameters; the errors are keyed by parameter for a validation problem.</summary>
    public static bool TryCreate(string[]? tags, DateTimeOffset? from, DateTimeOffset? to, TelemetryOptions options, out HistoryQuery? query, out Dictionary<string, string[]> errors)
    {
        query = null;
        errors = [];
        var distinct = (tags ?? []).Where(tag => !string.IsNullOrEmpty(tag)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            errors["tag"] = ["Name at least one tag (?tag=Enterprise/Site/.../Tag, repeatable)."];
        }
        else if (distinct.Count > options.MaxTagsPerQuery)
        {
            errors["tag"] = [$"At most {options.MaxTagsPerQuery} tags per request."];
        }
        else if (distinct.Any(tag => !UnsTopic.IsValid(tag)))
        {
            errors["tag"] = ["A tag is not a valid UNS path."];
        }

        if (from is null)
        {
            errors["from"] = ["from is required (ISO 8601 with an offset)."];
        }

        if (to is null)
        {
            errors["to"] = ["to is required (ISO 8601 with an offset)."];
        }
        else if (from is not null && to <= from)
        {
            errors["to"] = ["to must be after from."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        query = new HistoryQuery(distinct, from!.Value.ToUniversalTime(), to!.Value.ToUniversalTime());
        return true;
    }
}
