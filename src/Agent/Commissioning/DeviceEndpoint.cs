namespace Proxus.Agent.Commissioning;

/// <summary>
/// Where a device is and how to talk to it, parsed from an endpoint URL such as
/// <c>modbus-tcp://10.0.0.5:502?unit=1</c> or <c>s7://10.0.0.7?rack=0&amp;slot=1</c>
/// (see <see cref="DeviceEndpointParser"/>).
/// </summary>
public abstract record DeviceEndpoint
{
    /// <summary>The URL scheme the endpoint was parsed from, e.g. <c>modbus-tcp</c>.</summary>
    public abstract string Scheme { get; }
}
