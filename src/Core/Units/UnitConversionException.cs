namespace Proxus.Core.Units;

/// <summary>Thrown when a unit is not in the catalogue or two units measure different dimensions.</summary>
public sealed class UnitConversionException : Exception
{
    public UnitConversionException()
    {
    }

    public UnitConversionException(string message)
        : base(message)
    {
    }

    public UnitConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
