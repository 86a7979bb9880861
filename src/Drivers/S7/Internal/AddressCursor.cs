namespace Proxus.Drivers.S7;

/// <summary>A forward-only reader over an upper-cased address string.</summary>
internal ref struct AddressCursor
{
    private const int MaxDigits = 9;

    private readonly ReadOnlySpan<char> _text;

    public AddressCursor(ReadOnlySpan<char> text)
    {
        _text = text;
    }

    public int Position { get; private set; }

    public readonly bool AtEnd => Position == _text.Length;

    public readonly char Previous => _text[Position - 1];

    public bool Accept(char expected)
    {
        if (Position < _text.Length && _text[Position] == expected)
        {
            Position++;
            return true;
        }

        return false;
    }

    public bool Accept(string expected)
    {
        if (_text[Position..].StartsWith(expected, StringComparison.Ordinal))
        {
            Position += expected.Length;
            return true;
        }

        return false;
    }

    /// <summary>Reads up to nine decimal digits (so the value cannot overflow).</summary>
    public bool TryNumber(out int value)
    {
        value = 0;
        var start = Position;
        while (Position < _text.Length && char.IsAsciiDigit(_text[Position]) && Position - start < MaxDigits)
        {
            value = (value * 10) + (_text[Position] - '0');
            Position++;
        }

        return Position > start && (Position == _text.Length || !char.IsAsciiDigit(_text[Position]));
    }
}
