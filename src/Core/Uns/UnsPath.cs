using System.Diagnostics.CodeAnalysis;

namespace Proxus.Core.Uns;

/// <summary>
/// A validated Unified Namespace topic, ISA-95 shaped: <c>Enterprise/Site/Area/Line/Machine/Tag</c>,
/// optionally with one or two component levels between the machine and the tag
/// (<c>.../Machine/Spindle/Motor/Temperature</c>). The rules are in <see cref="UnsPathRules"/>.
/// Equality is ordinal (MQTT topics are case-sensitive).
/// </summary>
public sealed class UnsPath : IEquatable<UnsPath>
{
    private readonly string[] _levels;

    private UnsPath(string value, string[] levels)
    {
        Value = value;
        _levels = levels;
    }

    public string Value { get; }

    public IReadOnlyList<string> Levels => _levels;

    public string Enterprise => _levels[0];

    public string Site => _levels[1];

    public string Area => _levels[2];

    public string Line => _levels[3];

    public string Machine => _levels[4];

    /// <summary>The last level: the tag's own name.</summary>
    public string TagName => _levels[^1];

    /// <summary>Parses a path or throws <see cref="FormatException"/> with the rule it breaks.</summary>
    public static UnsPath Parse(string text)
    {
        if (!TryParse(text, out var path, out var error))
        {
            throw new FormatException(error.Message);
        }

        return path;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out UnsPath? path, [NotNullWhen(false)] out UnsPathError? error)
    {
        error = UnsPathRules.Check(text);
        if (error is not null)
        {
            path = null;
            return false;
        }

        path = new UnsPath(text!, text!.Split('/'));
        return true;
    }

    /// <summary>True when the path lies below <c>enterprise/site</c> (exact, case-sensitive match of both levels).</summary>
    public bool IsBelow(Model.Site site) =>
        string.Equals(Enterprise, site.Enterprise, StringComparison.Ordinal) && string.Equals(Site, site.Name, StringComparison.Ordinal);

    public bool Equals(UnsPath? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as UnsPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(UnsPath? left, UnsPath? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(UnsPath? left, UnsPath? right) => !(left == right);
}
