using System.Text.Json.Serialization;

namespace Proxus.Core.Model;

/// <summary>
/// Where and how a connection reaches its device; one derived record per protocol family. In the
/// signed configuration the kind is the <c>kind</c> member, written first.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ModbusTcpEndpoint), "modbusTcp")]
[JsonDerivedType(typeof(ModbusSerialEndpoint), "modbusSerial")]
[JsonDerivedType(typeof(S7Endpoint), "s7")]
[JsonDerivedType(typeof(OpcUaEndpoint), "opcUa")]
public abstract record ConnectionEndpoint;
