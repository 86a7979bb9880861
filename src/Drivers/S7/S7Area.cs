namespace Proxus.Drivers.S7;

/// <summary>S7 memory areas with their wire codes (the "area" byte of an S7ANY item address).</summary>
public enum S7Area : byte
{
    /// <summary>Counters (C, German Z).</summary>
    Counters = 0x1C,

    /// <summary>Timers (T).</summary>
    Timers = 0x1D,

    /// <summary>Process inputs (I, German E).</summary>
    Inputs = 0x81,

    /// <summary>Process outputs (Q, German A).</summary>
    Outputs = 0x82,

    /// <summary>Flags / bit memory (M).</summary>
    Flags = 0x83,

    /// <summary>Data blocks (DB).</summary>
    DataBlock = 0x84,
}
