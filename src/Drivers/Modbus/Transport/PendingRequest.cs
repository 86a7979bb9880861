namespace Proxus.Drivers.Modbus.Transport;

/// <summary>A request on a TCP connection waiting for the reply with its transaction id.</summary>
internal sealed class PendingRequest(byte unitId, ModbusFunctionCode functionCode)
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public byte UnitId { get; } = unitId;

    public ModbusFunctionCode FunctionCode { get; } = functionCode;

    public Task<byte[]> Reply => _completion.Task;

    public void Complete(byte[] pdu) => _completion.TrySetResult(pdu);

    public void Fail(ModbusException error) => _completion.TrySetException(error);
}
