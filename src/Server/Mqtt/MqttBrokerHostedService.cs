using Proxus.Mqtt.Broker;

namespace Proxus.Server.Mqtt;

/// <summary>Starts the broker (loading its store) before Kestrel accepts connections, and stops it last.</summary>
public sealed class MqttBrokerHostedService : IHostedService
{
    private readonly MqttBroker _broker;

    public MqttBrokerHostedService(MqttBroker broker)
    {
        _broker = broker;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _broker.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _broker.StopAsync(cancellationToken);
}
