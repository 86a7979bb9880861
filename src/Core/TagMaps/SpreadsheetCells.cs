namespace Proxus.Core.TagMaps;

/// <summary>
/// Spreadsheet formula injection (CSV only, docs/tag-maps.md). A cell a spreadsheet would run as a
/// formula starts with '=', '+', '-', '@', a tab or a carriage return. Export prefixes such text
/// cells, and any cell starting with an apostrophe, with one apostrophe; import removes one leading
/// apostrophe and rejects a cell that still starts like a formula ('-' is allowed in numeric
/// columns, where it is a sign).
/// </summary>
internal static class SpreadsheetCells
{
    public const char Escape = '\'';

    public static string Neutralize(string text) =>
        text.Length > 0 && (IsFormulaStart(text[0]) || text[0] == Escape) ? Escape + text : text;

    /// <summary>Undoes the export escape; returns null with an error when the cell looks like a formula.</summary>
    public static string? Import(string cell, bool numeric, out string? error)
    {
        error = null;
        if (cell.Length == 0)
        {
            return cell;
        }

        if (cell[0] == Escape)
        {
            return cell[1..];
        }

        if (IsFormulaStart(cell[0]) && !(numeric && cell[0] == '-'))
        {
            error = $"the cell starts with {Describe(cell[0])}, which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text";
            return null;
        }

        return cell;
    }

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static string Describe(char c) => c switch
    {
        '\t' => "a tab",
        '\r' => "a carriage return",
        _ => $"'{c}'",
    };
}
