namespace Proxus.Drivers.S7.Protocol;

/// <summary>A decoded S7 PDU: its header with the parameter and data sections it delimits.</summary>
public sealed record S7Pdu(S7Header Header, ReadOnlyMemory<byte> Parameter, ReadOnlyMemory<byte> Data)
{
    /// <summary>The function code (first parameter byte), or null when there are no parameters.</summary>
    public S7Function? Function => Parameter.Length > 0 ? (S7Function)Parameter.Span[0] : null;
}
