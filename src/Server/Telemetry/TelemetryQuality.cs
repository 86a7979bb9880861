namespace Proxus.Server.Telemetry;

/// <summary>The quality of one value, as the agent reported it (<c>"quality"</c> in the UNS payload).</summary>
public enum TelemetryQuality : short
{
    Good = 0,
    Uncertain = 1,
    Bad = 2,
}
