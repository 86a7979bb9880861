using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Agent.Tests.Support;

/// <summary>Connections and tags for configurations in tests.</summary>
public static class TestTags
{
    public static Connection Modbus(string id, int port, string agent, params PollGroup[] groups) => new()
    {
        Id = id,
        Protocol = Protocol.ModbusTcp,
        Agent = agent,
        Endpoint = new ModbusTcpEndpoint("127.0.0.1", port, 1),
        PollGroups = groups,
    };

    public static Connection S7(string id, int port, string agent, params PollGroup[] groups) => new()
    {
        Id = id,
        Protocol = Protocol.S7,
        Agent = agent,
        Endpoint = new S7Endpoint("127.0.0.1", port, 0, 1),
        PollGroups = groups,
    };

    public static Tag Tag(string path, string connection, string address, DataType type, TimeSpan? interval = null) => new()
    {
        Path = UnsPath.Parse(path),
        Connection = connection,
        Address = address,
        DataType = type,
        PollInterval = interval ?? TimeSpan.FromMilliseconds(100),
    };
}
