namespace Proxus.Drivers.OpcUa;

/// <summary>Human-readable text with an optional locale (Part 3 section 8.5).</summary>
public sealed record LocalizedText(string? Locale, string? Text)
{
    public static LocalizedText Null { get; } = new(null, null);

    public override string ToString() => Text ?? string.Empty;
}
