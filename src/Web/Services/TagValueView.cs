namespace Proxus.Web.Services;

/// <summary>The newest value of a tag: its value as text, unit, quality (<c>good</c>, <c>uncertain</c>, <c>bad</c>) and source time.</summary>
public sealed record TagValueView(string Topic, string Value, string? Unit, string Quality, DateTimeOffset Timestamp);
