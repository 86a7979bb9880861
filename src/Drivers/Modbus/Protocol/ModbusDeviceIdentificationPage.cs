namespace Proxus.Drivers.Modbus.Protocol;

/// <summary>One reply of a Read Device Identification stream: the objects in it and where the next reply starts.</summary>
public sealed record ModbusDeviceIdentificationPage(byte ConformityLevel, bool MoreFollows, byte NextObjectId, IReadOnlyDictionary<byte, string> Objects);
