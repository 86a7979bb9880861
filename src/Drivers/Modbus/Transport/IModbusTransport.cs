using Proxus.Drivers.Modbus.Protocol;

namespace Proxus.Drivers.Modbus.Transport;

/// <summary>
/// One connection to a device that exchanges a request PDU for a response PDU. A transport that saw
/// anything out of step (a timeout, a mismatched or malformed frame) is broken and never reused.
/// </summary>
internal interface IModbusTransport : IAsyncDisposable
{
    bool IsBroken { get; }

    /// <summary>
    /// Sends the request to the unit and returns the reply PDU, checked for unit id and function code
    /// (the caller checks the PDU against the request with <see cref="ModbusResponse.Validate"/>).
    /// </summary>
    Task<byte[]> ExchangeAsync(byte unitId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken);
}
