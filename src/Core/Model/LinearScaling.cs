using System.Text.Json.Serialization;

namespace Proxus.Core.Model;

/// <summary>
/// Linear scaling of a raw device value into the engineering range (expressed in the tag's source
/// unit). With <see cref="Clamp"/> the result is limited to the engineering range.
/// </summary>
public sealed record LinearScaling(double RawMin, double RawMax, double EngineeringMin, double EngineeringMax, bool Clamp = false)
{
    /// <summary>The width of the engineering range (always positive for a valid scaling).</summary>
    [JsonIgnore]
    public double EngineeringSpan => Math.Abs(EngineeringMax - EngineeringMin);

    /// <summary>Maps a raw value onto the engineering range, clamping when asked.</summary>
    public double Apply(double raw)
    {
        var value = ((raw - RawMin) * (EngineeringMax - EngineeringMin) / (RawMax - RawMin)) + EngineeringMin;
        return Clamp ? Math.Clamp(value, Math.Min(EngineeringMin, EngineeringMax), Math.Max(EngineeringMin, EngineeringMax)) : value;
    }
}
