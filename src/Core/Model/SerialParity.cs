namespace Proxus.Core.Model;

/// <summary>Parity of a serial line.</summary>
public enum SerialParity
{
    None,
    Even,
    Odd,
}
