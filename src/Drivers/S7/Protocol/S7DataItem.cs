namespace Proxus.Drivers.S7.Protocol;

/// <summary>One data item of a Read Var acknowledgement or a Write Var request.</summary>
public readonly record struct S7DataItem(S7ReturnCode ReturnCode, S7DataTransportSize TransportSize, ReadOnlyMemory<byte> Data)
{
    /// <summary>Return code, transport size and a 16-bit length precede the data.</summary>
    public const int HeaderLength = 4;

    /// <summary>Bytes the item takes in a PDU, including the fill byte that follows an odd length unless it is last.</summary>
    public static int EncodedLength(int dataLength, bool last) => HeaderLength + dataLength + (!last && dataLength % 2 != 0 ? 1 : 0);
}
