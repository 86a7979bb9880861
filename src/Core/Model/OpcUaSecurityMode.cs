namespace Proxus.Core.Model;

/// <summary>OPC UA message security mode (OPC 10000-4, 7.20).</summary>
public enum OpcUaSecurityMode
{
    None,
    Sign,
    SignAndEncrypt,
}
