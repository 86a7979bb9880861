using System.Globalization;

namespace Proxus.Core.TagMaps;

/// <summary>Typed, strict reading of one record's text fields; every problem becomes an error of the row and field.</summary>
internal readonly struct FieldReader
{
    private readonly IReadOnlyDictionary<string, string> _fields;
    private readonly TagMapErrors _errors;

    public FieldReader(IReadOnlyDictionary<string, string> fields, int row, TagMapErrors errors)
    {
        _fields = fields;
        Row = row;
        _errors = errors;
    }

    public int Row { get; }

    public bool Has(string field) => _fields.ContainsKey(field);

    public void Error(string field, string message) => _errors.Add(Row, field, message);

    public string? Text(string field) => _fields.GetValueOrDefault(field);

    public string? RequiredText(string field)
    {
        var value = Text(field);
        if (value is null)
        {
            Error(field, "is required");
        }

        return value;
    }

    public double? Number(string field)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        Error(field, $"'{text}' is not a number");
        return null;
    }

    public int? Integer(string field, int min, int max)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(field, $"'{text}' is not a whole number");
            return null;
        }

        if (value < min || value > max)
        {
            Error(field, $"{value} is outside {min}..{max}");
            return null;
        }

        return value;
    }

    public bool? Boolean(string field)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Error(field, $"'{text}' is not true or false");
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string what)
        where TEnum : struct, Enum
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        if (!char.IsAsciiLetter(text[0]) || !text.All(char.IsAsciiLetterOrDigit) || !System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value))
        {
            Error(field, $"unknown {what} '{text}' ({string.Join(", ", System.Enum.GetNames<TEnum>())})");
            return null;
        }

        return value;
    }
}
