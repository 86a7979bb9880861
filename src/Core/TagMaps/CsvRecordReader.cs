using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Proxus.Core.TagMaps;

/// <summary>
/// A strict RFC 4180 record reader: comma separated, fields optionally enclosed in double quotes
/// with "" for a quote, CRLF or LF line ends, multi-line quoted fields. Every field is capped at
/// the limit while it is read. A structural error (an unclosed quote, text after a closing quote,
/// a quote inside an unquoted field, an overlong field) ends the reading.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly string _text;
    private readonly int _maxFieldLength;
    private readonly StringBuilder _field = new();
    private int _position;
    private int _fieldNumber;

    public CsvRecordReader(string text, int maxFieldLength)
    {
        _text = text;
        _maxFieldLength = maxFieldLength;
    }

    /// <summary>The number of the record last read, as a spreadsheet numbers its rows (1 = the header).</summary>
    public int Row { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end or on an error.</summary>
    public bool TryRead(List<string> fields, out string? error)
    {
        fields.Clear();
        error = null;
        if (_position >= _text.Length)
        {
            return false;
        }

        Row++;
        while (true)
        {
            _fieldNumber = fields.Count + 1;
            if (!TryReadField(out var field, out error))
            {
                return false;
            }

            fields.Add(field);
            if (_position >= _text.Length)
            {
                return true;
            }

            var c = _text[_position++];
            if (c == ',')
            {
                continue;
            }

            if (c == '\r' && _position < _text.Length && _text[_position] == '\n')
            {
                _position++;
            }

            return true;
        }
    }

    private bool TryReadField(out string field, [NotNullWhen(false)] out string? error)
    {
        _field.Clear();
        field = string.Empty;
        error = null;
        if (_position < _text.Length && _text[_position] == '"')
        {
            return TryReadQuoted(out field, out error);
        }

        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ',' or '\n' or '\r')
            {
                break;
            }

            if (c == '"')
            {
                error = $"field {_fieldNumber}: a quote inside an unquoted field (enclose the field in quotes and double the quote)";
                return false;
            }

            if (!TryAppend(c, out error))
            {
                return false;
            }

            _position++;
        }

        field = _field.ToString();
        return true;
    }

    private bool TryReadQuoted(out string field, [NotNullWhen(false)] out string? error)
    {
        field = string.Empty;
        _position++;
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                if (_position < _text.Length && _text[_position] == '"')
                {
                    _position++;
                }
                else
                {
                    if (_position < _text.Length && _text[_position] is not (',' or '\r' or '\n'))
                    {
                        error = $"field {_fieldNumber}: text after the closing quote";
                        return false;
                    }

                    field = _field.ToString();
                    error = null;
                    return true;
                }
            }
            if (!TryAppend(c, out error))
            {
                return false;
            }
        }

        error = "a quoted field is not closed";
        return false;
    }

    private bool TryAppend(char c, [NotNullWhen(false)] out string? error)
    {
        if (_field.Length >= _maxFieldLength)
        {
            error = $"field {_fieldNumber} is longer than {_maxFieldLength} characters";
            return false;
        }

        _field.Append(c);
        error = null;
        return true;
    }
}
