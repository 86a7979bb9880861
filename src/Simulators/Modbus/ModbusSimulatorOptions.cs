using System.Net;

namespace Proxus.Simulators.Modbus;

/// <summary>Everything the simulator can be told, from the command line or a JSON file (System.Text.Json, camelCase).</summary>
public sealed record ModbusSimulatorOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 lets the OS choose (the bound port is printed).</summary>
    public int Port { get; init; } = 5020;

    /// <summary>RTU frames (address, PDU, CRC) over TCP instead of MBAP.</summary>
    public bool Rtu { get; init; }

    /// <summary>The unit id served; 0 serves every unit id.</summary>
    public byte UnitId { get; init; } = 1;

    public string VendorName { get; init; } = "Proxus";

    public string ProductCode { get; init; } = "PXS-MODBUS-SIM";

    public string Revision { get; init; } = "1.0";

    /// <summary>How often moving values are recomputed.</summary>
    public int UpdateIntervalMs { get; init; } = 100;

    public IReadOnlyList<ModbusInitialValue> Values { get; init; } = [];

    public IReadOnlyList<ModbusSignal> Signals { get; init; } = [];

    public ModbusFaultOptions Faults { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(Host, out _))
        {
            throw new ArgumentException($"host '{Host}' is not an IP address.", nameof(Host));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException("port must be 0..65535.", nameof(Port));
        }

        if (UpdateIntervalMs < 10)
        {
            throw new ArgumentException("updateIntervalMs must be at least 10.", nameof(UpdateIntervalMs));
        }

        foreach (var signal in Signals)
        {
            signal.Validate();
        }

        foreach (var value in Values)
        {
            value.ToTag();
        }

        Faults.Validate();
    }
}
