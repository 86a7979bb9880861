namespace Proxus.Drivers.OpcUa;

/// <summary>The deadband of a DataChangeFilter (Part 4 section 7.22.2).</summary>
public enum DeadbandType
{
    None = 0,

    /// <summary>Report when the value moves by more than DeadbandValue (engineering units).</summary>
    Absolute = 1,

    /// <summary>Report when the value moves by more than DeadbandValue percent of the node's EURange.</summary>
    Percent = 2,
}
