namespace Proxus.Drivers.OpcUa.Binary;

/// <summary>
/// Caps applied while decoding, checked before anything is allocated (Part 6 section 5.2.2.4 lets the
/// decoder reject lengths it cannot handle with Bad_EncodingLimitsExceeded).
/// </summary>
internal readonly record struct UaEncodingLimits(int MaxStringLength, int MaxByteStringLength, int MaxArrayLength, int MaxNestingDepth)
{
    public static UaEncodingLimits Default { get; } = new(
        MaxStringLength: 1 << 20,
        MaxByteStringLength: 16 << 20,
        MaxArrayLength: 1 << 20,
        MaxNestingDepth: 32);
}
