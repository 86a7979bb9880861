namespace Proxus.Drivers.OpcUa;

/// <summary>Which references Browse follows (Part 4 section 7.5).</summary>
public enum BrowseDirection
{
    Forward = 0,
    Inverse = 1,
    Both = 2,
}
