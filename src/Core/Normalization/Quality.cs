namespace Proxus.Core.Normalization;

/// <summary>The quality of a value with the reason for anything but good.</summary>
public readonly record struct Quality(QualityLevel Level, string? Reason)
{
    public static Quality Good => default;

    public static Quality Uncertain(string reason) => new(QualityLevel.Uncertain, reason);

    public static Quality Bad(string reason) => new(QualityLevel.Bad, reason);

    public override string ToString() => Reason is null ? Level.ToString() : $"{Level} ({Reason})";
}
