using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Client.Internal;

/// <summary>A granted subscription, kept so it can be restored when the server lost the session.</summary>
internal sealed record SubscriptionRecord(MqttSubscription Subscription, uint? Identifier, IReadOnlyList<MqttUserProperty> UserProperties);
