namespace Proxus.Drivers.OpcUa;

/// <summary>How the body of an <see cref="ExtensionObject"/> is encoded (Part 6 section 5.2.2.15).</summary>
public enum ExtensionObjectEncoding : byte
{
    None = 0,
    Binary = 1,
    Xml = 2,
}
