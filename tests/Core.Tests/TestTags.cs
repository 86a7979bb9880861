using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Core.Tests;

/// <summary>Builders for the tags and tag maps the tests start from.</summary>
internal static class TestTags
{
    public static readonly Site Site = new("Acme", "SiteA");

    public static Tag Float(string name = "Temperature_C", string address = "HR100") => new()
    {
        Path = UnsPath.Parse($"Acme/SiteA/Press/Line1/Press_Machine/{name}"),
        Connection = "press-plc",
        Address = address,
        DataType = DataType.Float32,
        PollGroup = "fast",
    };

    public static Connection ModbusConnection(string id = "press-plc") => new()
    {
        Id = id,
        Protocol = Protocol.ModbusTcp,
        Agent = "edge-01",
        Endpoint = new ModbusTcpEndpoint("127.0.0.1", 502, 1),
        PollGroups = [new PollGroup("fast", TimeSpan.FromMilliseconds(100)), new PollGroup("slow", TimeSpan.FromSeconds(5))],
    };

    public static Connection S7Connection(string id = "line-s7") => new()
    {
        Id = id,
        Protocol = Protocol.S7,
        Agent = "edge-01",
        Endpoint = new S7Endpoint("10.0.0.7", 102, 0, 1),
        PollGroups = [new PollGroup("fast", TimeSpan.FromMilliseconds(250))],
    };

    public static Connection OpcUaConnection(string id = "mes-ua") => new()
    {
        Id = id,
        Protocol = Protocol.OpcUa,
        Agent = "edge-02",
        Endpoint = new OpcUaEndpoint("opc.tcp://10.0.0.9:4840/ua", new OpcUaSecurity(OpcUaSecurityMode.SignAndEncrypt, OpcUaSecurityPolicy.Basic256Sha256, "proxus", "opcua-password")),
        PollGroups = [new PollGroup("fast", TimeSpan.FromSeconds(1))],
    };

    public static TagMap Map(params Tag[] tags) => new(Site, [ModbusConnection(), S7Connection(), OpcUaConnection()], tags);
}
