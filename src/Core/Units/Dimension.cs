namespace Proxus.Core.Units;

/// <summary>The physical quantity a unit measures; only units of one dimension convert into each other.</summary>
public enum Dimension
{
    Temperature,
    Pressure,
    Power,
    ApparentPower,
    ReactivePower,
    Energy,
    VolumeFlow,
    MassFlow,
    RotationalSpeed,
    Frequency,
    Ratio,
    Current,
    Voltage,
    Length,
    Velocity,
    Time,
    Mass,
    Volume,
    Force,
    Torque,
}
