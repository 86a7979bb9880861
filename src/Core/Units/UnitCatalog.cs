using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Proxus.Core.Units;

/// <summary>
/// The engineering units a tag may be measured or published in, by case-sensitive code, with
/// conversion between units of one dimension (affine for temperatures).
/// </summary>
public static partial class UnitCatalog
{
    private static readonly FrozenDictionary<string, EngineeringUnit> ByCode =
        CreateUnits().ToFrozenDictionary(unit => unit.Code, StringComparer.Ordinal);

    /// <summary>Every unit of the catalogue, ordered by dimension then code.</summary>
    public static IReadOnlyList<EngineeringUnit> All { get; } =
        [.. ByCode.Values.OrderBy(unit => unit.Dimension).ThenBy(unit => unit.Code, StringComparer.Ordinal)];

    public static bool TryGet(string? code, [NotNullWhen(true)] out EngineeringUnit? unit)
    {
        unit = null;
        return code is not null && ByCode.TryGetValue(code, out unit);
    }

    /// <summary>Returns the unit or throws <see cref="UnitConversionException"/> for an unknown code.</summary>
    public static EngineeringUnit Get(string code) =>
        TryGet(code, out var unit) ? unit : throw new UnitConversionException(UnknownUnitMessage(code));

    /// <summary>Finds the conversion from one unit to another, or explains why there is none.</summary>
    public static bool TryGetConversion(string from, string to, out UnitConversion conversion, [NotNullWhen(false)] out string? error)
    {
        conversion = UnitConversion.Identity;
        if (!TryGet(from, out var source))
        {
            error = UnknownUnitMessage(from);
            return false;
        }

        if (!TryGet(to, out var target))
        {
            error = UnknownUnitMessage(to);
            return false;
        }

        if (source.Dimension != target.Dimension)
        {
            error = $"cannot convert '{from}' ({source.Dimension}) to '{to}' ({target.Dimension})";
            return false;
        }

        error = null;
        if (!ReferenceEquals(source, target))
        {
            conversion = new(source.Factor / target.Factor, (source.Offset - target.Offset) / target.Factor);
        }

        return true;
    }

    /// <summary>Returns the conversion or throws <see cref="UnitConversionException"/>.</summary>
    public static UnitConversion GetConversion(string from, string to) =>
        TryGetConversion(from, to, out var conversion, out var error) ? conversion : throw new UnitConversionException(error);

    /// <summary>Converts one value; throws <see cref="UnitConversionException"/> for unknown or incompatible units.</summary>
    public static double Convert(double value, string from, string to) => GetConversion(from, to).Apply(value);

    internal static string UnknownUnitMessage(string? code) => $"unknown unit '{code}'";
}
