namespace Proxus.Drivers.OpcUa;

/// <summary>How messages on the secure channel are protected (Part 4 section 7.20).</summary>
public enum MessageSecurityMode
{
    Invalid = 0,
    None = 1,
    Sign = 2,
    SignAndEncrypt = 3,
}
