using Microsoft.Extensions.Diagnostics.HealthChecks;
using Proxus.Mqtt.Broker;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Observability;

/// <summary>
/// Ready when the broker runs and the host has started: Kestrel binds every endpoint before it
/// reports the start (a port it cannot bind fails the start), so the MQTT listeners are bound then.
/// The endpoints are listed in the check's data.
/// </summary>
public sealed class MqttBrokerHealthCheck(MqttBroker broker, MqttListenerRegistry listeners, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["listeners"] = listeners.Endpoints };
        var result = !broker.IsRunning ? HealthCheckResult.Unhealthy("the broker is not running", data: data)
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("the listeners are not bound yet", data: data)
            : lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("the server is stopping", data: data)
            : HealthCheckResult.Healthy($"{broker.ConnectionCount} connections", data);
        return Task.FromResult(result);
    }
}
