using System.Diagnostics.Metrics;
using System.IO.Pipelines;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;

namespace Proxus.Mqtt.Tests.Broker.Support;

/// <summary>A started broker whose clients connect over in-memory pipes.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly List<Task> _connections = [];

    private TestBroker(MqttBroker broker, TestBrokerHooks hooks)
    {
        Broker = broker;
        Hooks = hooks;
    }

    public MqttBroker Broker { get; }

    public TestBrokerHooks Hooks { get; }

    public static async Task<TestBroker> StartAsync(Action<MqttBrokerOptions>? configure = null, TestBrokerHooks? hooks = null, IMqttBrokerStore? store = null, IMeterFactory? meterFactory = null)
    {
        var options = new MqttBrokerOptions
        {
            HousekeepingInterval = TimeSpan.FromMilliseconds(50),
            SysInterval = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        hooks ??= new TestBrokerHooks();
        var broker = new MqttBroker(options, hooks, store: store, meterFactory: meterFactory);
        await broker.StartAsync(CancellationToken.None);
        return new TestBroker(broker, hooks);
    }

    /// <summary>Opens a transport without sending anything.</summary>
    public TestClient Open(MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var toBroker = new Pipe();
        var fromBroker = new Pipe();
        var transport = new DuplexPipe(toBroker.Reader, fromBroker.Writer);
        var run = Task.Run(() => Broker.RunConnectionAsync(transport, new MqttConnectionInfo { Transport = "memory" }, CancellationToken.None));
        lock (_connections)
        {
            _connections.Add(run);
        }

        return new TestClient(toBroker.Writer, fromBroker.Reader, version, run);
    }

    /// <summary>Opens a transport, sends CONNECT and expects a successful CONNACK.</summary>
    public async Task<TestClient> ConnectAsync(string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500, Func<ConnectPacket, ConnectPacket>? configure = null)
    {
        var client = Open(version);
        var connect = new ConnectPacket { ProtocolVersion = version, ClientId = clientId, KeepAliveSeconds = 60 };
        connect = configure?.Invoke(connect) ?? connect;
        await client.SendAsync(connect);
        var connAck = await client.ReceiveAsync<ConnAckPacket>();
        connAck.ReasonCode.Should().Be(MqttReasonCode.Success);
        client.ConnAck = connAck;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(15));
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
