namespace Proxus.Mqtt.Broker;

/// <summary>
/// Durable state of the broker: retained messages and persistent sessions. The broker loads it once
/// at start and then reports every change; the store writes asynchronously (the calls must not block
/// on I/O) and flushes everything on <see cref="FlushAsync"/>.
/// </summary>
public interface IMqttBrokerStore
{
    ValueTask<MqttBrokerSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>A retained message was set for its topic (replacing any previous one).</summary>
    void SetRetained(MqttRoutedMessage message);

    /// <summary>The retained message of the topic was cleared.</summary>
    void RemoveRetained(string topic);

    /// <summary>A persistent session's state (as of now) should be kept.</summary>
    void SaveSession(MqttSessionState session);

    /// <summary>The session ended (expired, clean start, revoked) and is forgotten.</summary>
    void RemoveSession(string clientId);

    /// <summary>Writes everything reported so far.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
