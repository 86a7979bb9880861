namespace Proxus.Server.Monitoring;

/// <summary>Where an alert is in its life.</summary>
public enum AlertState
{
    /// <summary>Raised and not yet acknowledged; new occurrences of its rule and subject are counted on it.</summary>
    Open,

    /// <summary>An administrator acknowledged it with a comment; a new occurrence opens a new alert.</summary>
    Acknowledged,
}
