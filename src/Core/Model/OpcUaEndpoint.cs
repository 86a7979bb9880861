using System.Text.Json.Serialization;

namespace Proxus.Core.Model;

/// <summary>An OPC UA server endpoint (<c>opc.tcp://host:port/path</c>), the session's security and how tags are acquired.</summary>
public sealed record OpcUaEndpoint(string Url, OpcUaSecurity Security) : ConnectionEndpoint
{
    /// <summary>
    /// Polling (the default) or monitored items. Left out of the signed configuration when it is
    /// <see cref="OpcUaAcquisition.Poll"/>, so configurations signed before the option existed keep
    /// their canonical bytes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public OpcUaAcquisition Acquisition { get; init; }
}
