using Proxus.Drivers.Modbus.Protocol;
using Proxus.Drivers.Modbus.Serial;

namespace Proxus.Drivers.Modbus;

/// <summary>How to reach a device and how patiently. <see cref="Validate"/> runs when a client is created.</summary>
public sealed record ModbusClientOptions
{
    public ModbusTransportKind Transport { get; init; } = ModbusTransportKind.Tcp;

    /// <summary>Host name or IP address for <see cref="ModbusTransportKind.Tcp"/> and <see cref="ModbusTransportKind.RtuOverTcp"/>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 502;

    /// <summary>The tty for <see cref="ModbusTransportKind.RtuSerial"/>, e.g. <c>/dev/ttyUSB0</c>.</summary>
    public string SerialPort { get; init; } = "/dev/ttyUSB0";

    public SerialSettings Serial { get; init; } = new();

    /// <summary>Unit id (slave address) of requests whose tag or call names none.</summary>
    public byte UnitId { get; init; } = 1;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait for a complete reply.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Further attempts after a timeout or broken connection (never after an exception response).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>First wait before reconnecting after a failure; doubles per consecutive failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests outstanding at once on Modbus TCP (1 for devices that serve one at a time). RTU always uses 1.</summary>
    public int MaxRequestsInFlight { get; init; } = 1;

    /// <summary>RTU silent interval between frames; null: t3.5 of <see cref="Serial"/>'s baud rate (1.75 ms above 19200 baud).</summary>
    public TimeSpan? InterFrameDelay { get; init; }

    /// <summary>Unused registers or bits the read planner may read to merge two tags into one request.</summary>
    public int MaxReadGap { get; init; } = 16;

    /// <summary>Registers per planned read request (at most 125).</summary>
    public int MaxRegistersPerRead { get; init; } = ModbusLimits.MaxReadRegisters;

    /// <summary>Coils or discrete inputs per planned read request (at most 2000).</summary>
    public int MaxBitsPerRead { get; init; } = ModbusLimits.MaxReadBits;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal TimeSpan EffectiveInterFrameDelay => InterFrameDelay ?? ModbusRtuFraming.InterFrameDelay(Serial.BaudRate);

    internal string Endpoint => Transport == ModbusTransportKind.RtuSerial ? SerialPort : $"{Host}:{Port}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Host) || Transport == ModbusTransportKind.RtuSerial, nameof(Host), "is empty");
        Require(Port is > 0 and <= 65535, nameof(Port), "must be 1..65535");
        Require(!string.IsNullOrWhiteSpace(SerialPort) || Transport != ModbusTransportKind.RtuSerial, nameof(SerialPort), "is empty");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(Retries is >= 0 and <= 10, nameof(Retries), "must be 0..10");
        Require(ReconnectDelay >= TimeSpan.Zero && MaxReconnectDelay >= ReconnectDelay, nameof(ReconnectDelay), "must be >= 0 and <= MaxReconnectDelay");
        Require(MaxRequestsInFlight is >= 1 and <= 256, nameof(MaxRequestsInFlight), "must be 1..256");
        Require(InterFrameDelay is null || InterFrameDelay >= TimeSpan.Zero, nameof(InterFrameDelay), "must not be negative");
        Require(MaxReadGap is >= 0 and <= ModbusLimits.MaxReadRegisters, nameof(MaxReadGap), "must be 0..125");
        Require(MaxRegistersPerRead is >= 1 and <= ModbusLimits.MaxReadRegisters, nameof(MaxRegistersPerRead), "must be 1..125");
        Require(MaxBitsPerRead is >= 1 and <= ModbusLimits.MaxReadBits, nameof(MaxBitsPerRead), "must be 1..2000");
        if (Transport == ModbusTransportKind.RtuSerial)
        {
            Serial.Validate();
        }
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"ModbusClientOptions.{name} {problem}.", name);
        }
    }
}
