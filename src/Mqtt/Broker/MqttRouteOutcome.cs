using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Broker;

/// <summary>
/// What routing a client's message came to: either delivered (<see cref="ReasonCode"/> for the
/// acknowledgement, <see cref="WriteBacklogged"/> when a receiving connection's writer is behind), or
/// held back, nothing delivered, because <see cref="Backlogged"/> has a queue behind its receive window
/// for the publisher to wait on first.
/// </summary>
internal readonly record struct MqttRouteOutcome(MqttReasonCode ReasonCode, MqttSession? Backlogged, bool WriteBacklogged)
{
    public static MqttRouteOutcome HeldBackBy(MqttSession session) => new(MqttReasonCode.Success, session, WriteBacklogged: false);
}
