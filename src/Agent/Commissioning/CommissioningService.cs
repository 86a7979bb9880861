using Proxus.Drivers.Modbus;
using Proxus.Drivers.S7;

namespace Proxus.Agent.Commissioning;

/// <summary>
/// Reads and writes device points named by an endpoint URL and protocol addresses: what an engineer
/// needs while commissioning a connection, and the endpoint handling the agent runtime reuses.
/// Driver errors surface as the drivers' typed exceptions (<see cref="ModbusException"/>,
/// <see cref="S7Exception"/>); bad type or order names as <see cref="FormatException"/>.
/// </summary>
public sealed class CommissioningService
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly TimeSpan _timeout;

    /// <param name="timeout">Bounds the connect and each request (no retries: a commissioning command reports the first failure).</param>
    public CommissioningService(TimeSpan? timeout = null)
    {
        _timeout = timeout ?? DefaultTimeout;
        if (_timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        }
    }

    /// <summary>Reads every address (and <see cref="PointFormat.Count"/> consecutive values from each) with one connection.</summary>
    public async Task<IReadOnlyList<PointValue>> ReadAsync(DeviceEndpoint endpoint, IReadOnlyList<string> addresses, PointFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(format);
        if (addresses.Count == 0)
        {
            throw new FormatException("At least one address is required.");
        }

        if (format.Count is < 1 or > PointFormat.MaxCount)
        {
            throw new FormatException($"The count must be 1..{PointFormat.MaxCount}, not {format.Count}.");
        }

        var session = Open(endpoint);
        await using (session.ConfigureAwait(false))
        {
            return await session.ReadAsync(addresses, format, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one value given as invariant-culture text and returns the value read back from the device.</summary>
    public async Task<PointValue> WriteAsync(DeviceEndpoint endpoint, string address, string value, PointFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(format);
        if (format.Count != 1)
        {
            throw new FormatException("A write takes one value; the count applies to reads only.");
        }

        var session = Open(endpoint);
        await using (session.ConfigureAwait(false))
        {
            return await session.WriteAsync(address, value, format, cancellationToken).ConfigureAwait(false);
        }
    }

    private IDeviceSession Open(DeviceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint switch
        {
            ModbusEndpoint modbus => new ModbusDeviceSession(new ModbusClient(modbus.ToClientOptions(_timeout, retries: 0))),
            S7Endpoint s7 => new S7DeviceSession(new S7Client(s7.ToClientOptions(_timeout, retries: 0))),
            _ => throw new ArgumentException($"No driver for {endpoint.Scheme} endpoints.", nameof(endpoint)),
        };
    }
}
