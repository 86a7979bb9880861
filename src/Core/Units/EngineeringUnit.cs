namespace Proxus.Core.Units;

/// <summary>
/// A unit of the catalogue: its UCUM-style code, its dimension and its affine relation to the
/// dimension's base unit: <c>base = value * Factor + Offset</c> (Offset is non-zero only for
/// temperatures).
/// </summary>
public sealed record EngineeringUnit(string Code, string Name, Dimension Dimension, double Factor, double Offset = 0);
