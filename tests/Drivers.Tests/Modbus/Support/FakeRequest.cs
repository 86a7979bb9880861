namespace Proxus.Drivers.Tests.Modbus.Support;

/// <summary>A request as the fake device received it.</summary>
public sealed record FakeRequest(ushort TransactionId, byte UnitId, byte[] Pdu);
