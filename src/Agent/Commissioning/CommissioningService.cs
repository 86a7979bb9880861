using Proxus.Drivers.Modbus;
using Proxus.Drivers.OpcUa;
using Proxus.Drivers.S7;

namespace Proxus.Agent.Commissioning;

/// <summary>
/// Reads and writes device points named by an endpoint URL and protocol addresses: what an engineer
/// needs while commissioning a connection, and the endpoint handling the agent runtime reuses.
/// Driver errors surface as the drivers' typed exceptions (<see cref="ModbusException"/>,
/// <see cref="S7Exception"/>, <see cref="OpcUaException"/>); bad type or order names as <see cref="FormatException"/>.
/// </summary>
public sealed class CommissioningService
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The OPC UA node a browse starts from when none is given: the Objects folder.</summary>
    public static readonly NodeId ObjectsFolder = new(85u);

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

    /// <summary>The OPC UA client's PKI directory (own certificate, trusted and rejected server certificates); null for the driver's default.</summary>
    public string? OpcUaPkiDirectory { get; init; }

    /// <summary>The password of the user an <c>opc.tcp</c> URL names; null when it names none.</summary>
    public string? OpcUaPassword { get; init; }

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

    /// <summary>Lists the hierarchical children of an OPC UA node (default <see cref="ObjectsFolder"/>) given as text.</summary>
    public async Task<IReadOnlyList<BrowseEntry>> BrowseAsync(DeviceEndpoint endpoint, string? node, CancellationToken cancellationToken = default)
    {
        if (endpoint is not OpcUaEndpoint opcUa)
        {
            throw new FormatException($"browse needs an {DeviceEndpointParser.OpcUaScheme} endpoint; {endpoint?.Scheme} devices have no address space to browse.");
        }

        var nodeId = node is null ? ObjectsFolder : NodeId.Parse(node);
        var session = new OpcUaDeviceSession(opcUa.ToClientOptions(_timeout, OpcUaPkiDirectory, OpcUaPassword));
        await using (session.ConfigureAwait(false))
        {
            return await session.BrowseAsync(nodeId, cancellationToken).ConfigureAwait(false);
        }
    }

    private IDeviceSession Open(DeviceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint switch
        {
            ModbusEndpoint modbus => new ModbusDeviceSession(new ModbusClient(modbus.ToClientOptions(_timeout, retries: 0))),
            S7Endpoint s7 => new S7DeviceSession(new S7Client(s7.ToClientOptions(_timeout, retries: 0))),
            OpcUaEndpoint opcUa => new OpcUaDeviceSession(opcUa.ToClientOptions(_timeout, OpcUaPkiDirectory, OpcUaPassword)),
            _ => throw new ArgumentException($"No driver for {endpoint.Scheme} endpoints.", nameof(endpoint)),
        };
    }
}
