extern alias edge;

using System.Security.Cryptography.X509Certificates;
using edge::Proxus.Agent.Commands;
using edge::Proxus.Agent.Commissioning;
using Proxus.Core.Commands;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Drivers.Modbus;
using Proxus.Drivers.S7;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Server.Mqtt;

namespace Proxus.Server.Tests.Writes;

/// <summary>
/// The agent's side of writes as the runtime wires it: our MQTT client over mutual TLS with the
/// agent's certificate, subscribed to its command topic, each command handed to
/// <see cref="AgentCommandProcessor"/> with the agent's verified configuration, each result
/// published (QoS 1) on its results topic. A test can make it drop the next result (the link cut
/// before the result leaves).
/// </summary>
public sealed class EdgeAgent : IAsyncDisposable
{
    private static readonly TimeSpan DeviceTimeout = TimeSpan.FromSeconds(5);
    private readonly MqttClient _client;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Guid _agentId;
    private Task _loop = Task.CompletedTask;

    private EdgeAgent(MqttClient client, Guid agentId, AgentConfiguration configuration, string dataDirectory)
    {
        _client = client;
        _agentId = agentId;
        Configuration = configuration;
        Processor = new AgentCommandProcessor(dataDirectory, OpenSession);
    }

    public AgentConfiguration Configuration { get; }

    internal AgentCommandProcessor Processor { get; }

    /// <summary>When set, the next result is kept here instead of being published (and the flag clears).</summary>
    public bool DropNextResult { get; set; }

    public List<(ReadOnlyMemory<byte> Command, WriteResult Result)> Dropped { get; } = [];

    public List<WriteResult> Published { get; } = [];

    public static async Task<EdgeAgent> StartAsync(int tlsPort, X509Certificate2 certificate, X509Certificate2Collection trusted, Guid agentId, AgentConfiguration configuration, string dataDirectory)
    {
        var client = new MqttClient(new MqttClientOptions
        {
            Server = new Uri($"mqtts://127.0.0.1:{tlsPort}"),
            ClientId = agentId.ToString("D"),
            CleanStart = false,
            SessionExpiryInterval = 3600,
            Tls = new MqttClientTlsOptions { TrustedCertificateAuthorities = trusted, ClientCertificate = certificate },
        });
        var agent = new EdgeAgent(client, agentId, configuration, dataDirectory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(timeout.Token);
        (await client.SubscribeAsync(AgentTopics.Command(agentId), MqttQualityOfService.AtLeastOnce, timeout.Token)).Should().Be(MqttReasonCode.GrantedQoS1);
        agent._loop = agent.RunAsync(agent._stopping.Token);
        return agent;
    }

    /// <summary>Publishes a result on the agent's results topic, as the runtime does.</summary>
    public async Task PublishAsync(WriteResult result)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        (await _client.PublishAsync(AgentTopics.Results(_agentId), WriteResultJson.Serialize(result), MqttQualityOfService.AtLeastOnce, cancellationToken: timeout.Token))
            .Should().BeOneOf(MqttReasonCode.Success, MqttReasonCode.NoMatchingSubscribers);
        lock (Published)
        {
            Published.Add(result);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _client.DisposeAsync();
        _stopping.Dispose();
    }

    internal static ValueTask<IDeviceSession> OpenSession(Connection connection, CancellationToken cancellationToken) => ValueTask.FromResult<IDeviceSession>(connection.Endpoint switch
    {
        ModbusTcpEndpoint modbus => new ModbusDeviceSession(new ModbusClient(new ModbusClientOptions
        {
            Host = modbus.Host,
            Port = modbus.Port,
            UnitId = (byte)modbus.UnitId,
            ConnectTimeout = DeviceTimeout,
            RequestTimeout = DeviceTimeout,
        })),
        Core.Model.S7Endpoint s7 => new S7DeviceSession(new S7Client(new S7ClientOptions
        {
            Host = s7.Host,
            Port = s7.Port,
            Rack = s7.Rack,
            Slot = s7.Slot,
            ConnectTimeout = DeviceTimeout,
            RequestTimeout = DeviceTimeout,
        })),
        _ => throw new NotSupportedException(connection.Endpoint.GetType().Name),
    });

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _client.Messages.ReadAllAsync(cancellationToken))
        {
            var result = await Processor.ProcessAsync(message.Payload, Configuration, cancellationToken);
            if (result is null)
            {
                continue;
            }

            if (DropNextResult)
            {
                DropNextResult = false;
                lock (Dropped)
                {
                    Dropped.Add((message.Payload.ToArray(), result));
                }

                continue;
            }

            await PublishAsync(result);
        }
    }
}
