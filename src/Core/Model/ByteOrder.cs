namespace Proxus.Core.Model;

/// <summary>
/// Order of the bytes of a multi-register Modbus value, named after the big-endian byte sequence
/// A B C D of a 32-bit value (the same letters extend to 64-bit values word by word).
/// </summary>
public enum ByteOrder
{
    /// <summary>Big-endian bytes and words, the Modbus default (A B C D).</summary>
    Abcd,

    /// <summary>Big-endian bytes, little-endian words ("word swap": C D A B).</summary>
    Cdab,

    /// <summary>Little-endian bytes, big-endian words ("byte swap": B A D C).</summary>
    Badc,

    /// <summary>Little-endian bytes and words (D C B A).</summary>
    Dcba,
}
