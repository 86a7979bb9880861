namespace Proxus.Core.TagMaps;

/// <summary>The keys of a connection item in a YAML tag map, and which protocols each applies to.</summary>
public static class ConnectionFields
{
    public const string Id = "id";
    public const string Protocol = "protocol";
    public const string Agent = "agent";
    public const string Host = "host";
    public const string Port = "port";
    public const string UnitId = "unit_id";
    public const string Device = "device";
    public const string BaudRate = "baud_rate";
    public const string Parity = "parity";
    public const string DataBits = "data_bits";
    public const string StopBits = "stop_bits";
    public const string Rack = "rack";
    public const string Slot = "slot";
    public const string Url = "url";
    public const string SecurityMode = "security_mode";
    public const string SecurityPolicy = "security_policy";
    public const string UserName = "user_name";
    public const string PasswordSecret = "password_secret";
    public const string Acquisition = "acquisition";
    public const string PollGroups = "poll_groups";
    public const string PollGroupName = "name";
    public const string PollGroupIntervalMs = "interval_ms";

    /// <summary>The endpoint keys of a protocol, in export order.</summary>
    public static IReadOnlyList<string> EndpointFields(Model.Protocol protocol) => protocol switch
    {
        Model.Protocol.ModbusTcp or Model.Protocol.ModbusRtuOverTcp => [Host, Port, UnitId],
        Model.Protocol.ModbusRtuSerial => [Device, BaudRate, Parity, DataBits, StopBits, UnitId],
        Model.Protocol.S7 => [Host, Port, Rack, Slot],
        _ => [Url, SecurityMode, SecurityPolicy, UserName, PasswordSecret, Acquisition],
    };

    /// <summary>The endpoint keys of all protocols.</summary>
    public static IReadOnlyList<string> AllEndpointFields { get; } =
    [
        Host, Port, UnitId, Device, BaudRate, Parity, DataBits, StopBits, Rack, Slot, Url,
        SecurityMode, SecurityPolicy, UserName, PasswordSecret, Acquisition,
    ];

    /// <summary>Every key a connection item may have.</summary>
    public static IReadOnlyList<string> All { get; } = [Id, Protocol, Agent, .. AllEndpointFields, PollGroups];
}
