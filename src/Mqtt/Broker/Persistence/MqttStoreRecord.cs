using System.Text.Json.Serialization;

namespace Proxus.Mqtt.Broker.Persistence;

/// <summary>One line of the store's append-only log: a retained message or session set or removed.</summary>
internal sealed class MqttStoreRecord
{
    public const string SetRetainedKind = "retain";
    public const string RemoveRetainedKind = "unretain";
    public const string SaveSessionKind = "session";
    public const string RemoveSessionKind = "unsession";

    public required string Kind { get; init; }

    /// <summary>The topic (retained) or client id (session) the record is about.</summary>
    public required string Key { get; init; }

    public MqttRoutedMessage? Retained { get; init; }

    public MqttSessionState? Session { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MqttStoreRecord))]
internal sealed partial class MqttStoreJsonContext : JsonSerializerContext;
