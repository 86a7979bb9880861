namespace Proxus.Demo;

/// <summary>
/// The ports of one demo installation, chosen on its first start (the preferred one, or a free one
/// when it is taken) and kept in its state: the agents' enrollment names the server and broker URLs,
/// and the tag maps name the simulators' ports, so a second start must find them again.
/// </summary>
public sealed record DemoPorts(int Https, int MqttTls, int MqttLoopback, int PressModbus, int PressS7, int UtilitiesModbus)
{
    public static DemoPorts Preferred { get; } = new(8443, 8883, 1883, 5020, 1102, 5021);

    /// <summary>Each port with what it is for, in the order they are checked.</summary>
    public IEnumerable<(string Purpose, int Port)> Named()
    {
        yield return ("HTTPS (portal, REST API)", Https);
        yield return ("MQTT over TLS", MqttTls);
        yield return ("MQTT loopback listener", MqttLoopback);
        yield return ("press line Modbus simulator", PressModbus);
        yield return ("press line S7 simulator", PressS7);
        yield return ("utilities Modbus simulator", UtilitiesModbus);
    }
}
