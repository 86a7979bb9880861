namespace Proxus.Web.Services;

/// <summary>
/// One problem of an upload or edit: <see cref="Row"/> is the CSV row as a spreadsheet numbers it
/// or the YAML line (0: the file as a whole), <see cref="Field"/> the column or key to blame.
/// </summary>
public sealed record TagMapProblem(int Row, string? Field, string Message)
{
    public override string ToString() => (Row, Field) switch
    {
        (0, null) => Message,
        (0, _) => $"{Field}: {Message}",
        (_, null) => $"row {Row}: {Message}",
        _ => $"row {Row}, {Field}: {Message}",
    };
}
