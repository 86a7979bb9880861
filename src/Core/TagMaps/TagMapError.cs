namespace Proxus.Core.TagMaps;

/// <summary>
/// One problem of a tag map. <see cref="Row"/> is the CSV row as a spreadsheet numbers it (the
/// header is row 1), the YAML line of the item, or the 1-based position in a programmatic list;
/// 0 for the document as a whole. <see cref="Field"/> is the column or key, when one is to blame.
/// </summary>
public sealed record TagMapError(int Row, string? Field, string Message)
{
    public override string ToString() => (Row, Field) switch
    {
        (0, null) => Message,
        (0, _) => $"{Field}: {Message}",
        (_, null) => $"row {Row}: {Message}",
        _ => $"row {Row}, {Field}: {Message}",
    };
}
