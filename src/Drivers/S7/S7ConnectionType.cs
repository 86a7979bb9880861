namespace Proxus.Drivers.S7;

/// <summary>The connection resource class encoded in the high byte of the remote TSAP.</summary>
public enum S7ConnectionType : byte
{
    /// <summary>Programming device (PG) connection.</summary>
    Pg = 0x01,

    /// <summary>Operator panel (OP) connection.</summary>
    Op = 0x02,

    /// <summary>S7 basic connection.</summary>
    Basic = 0x03,
}
