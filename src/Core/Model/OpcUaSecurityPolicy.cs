namespace Proxus.Core.Model;

/// <summary>OPC UA security policies (OPC 10000-7, 6.6) a connection may ask for.</summary>
public enum OpcUaSecurityPolicy
{
    None,
    Basic256Sha256,
    Aes128Sha256RsaOaep,
    Aes256Sha256RsaPss,
}
