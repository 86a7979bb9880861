namespace Proxus.TestSupport;

/// <summary>How <see cref="ServerProcess"/> starts the server.</summary>
public sealed class ServerProcessOptions
{
    /// <summary>The server's data directory (<c>Server:DataDirectory</c>: the SQLite file <c>proxus.db</c>, keys; retained MQTT messages in <c>mqtt/</c>); null for a temporary one deleted on dispose.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A PostgreSQL connection string; null for the embedded SQLite database in the data directory.</summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary>HTTPS with the certificate of the server's own CA (the default; sessions and enrollment need it), or plain HTTP.</summary>
    public bool Https { get; init; } = true;

    /// <summary>Opens the plain MQTT development listener on a free 127.0.0.1 port (<c>--Mqtt:Port</c>).</summary>
    public bool LoopbackMqtt { get; init; }

    /// <summary>
    /// Development only, with <see cref="LoopbackMqtt"/>: the loopback listener admits clients without
    /// a certificate (<c>Mqtt:AllowAnonymous</c>; e.g. <c>mosquitto_sub</c>).
    /// </summary>
    public bool AnonymousLoopbackMqtt { get; init; }

    /// <summary>Opens MQTT over TLS with client certificates on a free port (<c>--Mqtt:TlsPort</c>), for agents.</summary>
    public bool MqttTls { get; init; }

    /// <summary>The default log level (<c>Logging:LogLevel:Default</c>).</summary>
    public string LogLevel { get; init; } = "Warning";

    /// <summary>More configuration, passed as <c>--Key=Value</c> after everything above (so it wins).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>More environment variables for the server process (runtime settings such as <c>DOTNET_gcServer</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A server for one agent under load, with an anonymous loopback subscriber watching the UNS: its
    /// own UNS consumers off (history ingest is not under test and would take the agent's CPU), the
    /// agent may keep 1,024 QoS 1 publishes in flight (Receive Maximum, the default since session 6), and each
    /// session may queue <paramref name="maximumQueuedMessages"/> (1,000 by default) so that the
    /// subscriber is never the bottleneck.
    /// </summary>
    public static ServerProcessOptions ForAgentUnderLoad(int maximumQueuedMessages) => new()
    {
        LoopbackMqtt = true,
        AnonymousLoopbackMqtt = true,
        MqttTls = true,
        Settings = new Dictionary<string, string>
        {
            ["MqttConsumer:Enabled"] = "false",
            ["Mqtt:Broker:MaximumInFlightMessages"] = "1024",
            ["Mqtt:Broker:MaximumQueuedMessages"] = maximumQueuedMessages.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
