using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Proxus.EndToEnd.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.EndToEnd.Tests;

/// <summary>
/// Issues #7 and #9 accepted on real processes: the server, the enrolled agent, the Modbus and S7
/// simulators and node-opcua's server; values checked on the UNS as <c>mosquitto_sub</c> sees them,
/// control writes through the REST API, a second person's approval and the agent.
/// </summary>
public sealed class AgentAcceptanceTests(AgentDeployment plant) : IClassFixture<AgentDeployment>
{
    private static readonly string Level = AgentDeployment.TagPath("Press/Line1/Press/Level_pct");
    private static readonly string Counter = AgentDeployment.TagPath("Press/Line1/Press/Counter");
    private static readonly string Speed = AgentDeployment.TagPath("Press/Line1/Press/Speed");
    private static readonly string OvenSetpoint = AgentDeployment.TagPath("Bake/Line2/Oven/Setpoint");
    private static readonly string OvenTicks = AgentDeployment.TagPath("Bake/Line2/Oven/Ticks");
    private static readonly string Pressure = AgentDeployment.TagPath("Fill/Line4/Filler/Pressure_kPa");

    [Fact]
    public async Task Agent_EnrolledAndConfiguredOverRest_PublishesScaledConvertedValuesAndAppliesChangesLive()
    {
        await plant.SetDeviceValueAsync(plant.ModbusEndpoint, "HR0", "500");
        await plant.SetDeviceValueAsync(plant.ModbusEndpoint, "HR1", "7");
        await plant.PublishTagMapAsync(TagMap(levelEngineeringMax: 100, withCounter: false, withOpcUa: true), "first tag map");

        var level = await WaitAsync(Level, _ => true);
        level.GetProperty("value").GetDouble().Should().Be(50, "500 of 0..1000 raw is 50 on a 0..100 scale");
        level.GetProperty("unit").GetString().Should().Be("%");
        level.GetProperty("quality").GetString().Should().Be("good");
        level.GetProperty("source").GetString().Should().Be("HR0");
        var pressure = await WaitAsync(Pressure, _ => true);
        pressure.GetProperty("value").GetDouble().Should().Be(350, "node-opcua's Float node holds 3.5 bar");
        pressure.GetProperty("unit").GetString().Should().Be("kPa");
        pressure.GetProperty("source").GetString().Should().Be("ns=1;s=Float");
        var ticks = await WaitAsync(OvenTicks, _ => true);
        ticks.GetProperty("quality").GetString().Should().Be("good");
        ticks.GetProperty("source").GetString().Should().Be("DB1.DBW6");

        // Add a tag, change a scale, remove a connection; the S7 connection is untouched.
        var changedAt = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        await plant.PublishTagMapAsync(TagMap(levelEngineeringMax: 200, withCounter: true, withOpcUa: false), "runtime change");
        var before = plant.Uns.On(OvenTicks).Count;
        await WaitAsync(Counter, payload => payload.GetProperty("value").GetInt64() == 7);
        await WaitAsync(Level, payload => payload.GetProperty("value").GetDouble() == 100);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a configuration change is applied within 5 s (issue #7)");
        await WaitUntilAsync(() => Connections().SequenceEqual(["line-s7", "press-plc"]), "the OPC UA connection is removed from the agent");

        // The S7 simulator's counter ticks every second: a few ticks after the change show the connection kept publishing.
        await WaitUntilAsync(() => plant.Uns.On(OvenTicks).Count > before + 2, "the untouched S7 connection kept publishing after the change");
        var timestamps = plant.Uns.On(OvenTicks).Select(payload => payload.GetProperty("timestamp").GetDateTimeOffset()).Where(at => at >= changedAt.AddSeconds(-2)).ToList();
        var gaps = timestamps.Zip(timestamps.Skip(1), (earlier, later) => later - earlier).ToList();
        gaps.Max().Should().BeLessThan(TimeSpan.FromSeconds(4), "the ticks of the untouched S7 connection (a new value every second) have no gap across the change");
    }

    [Fact]
    public async Task Writes_ApprovedBySecondPerson_ExecutedByTheAgentOnModbusAndS7_AndTimeOutWithTheAgentStopped()
    {
        await plant.PublishTagMapAsync(TagMap(levelEngineeringMax: 100, withCounter: false, withOpcUa: true), "writes");
        await plant.SendAsync(HttpMethod.Put, $"api/v1/writes/sites/{plant.SiteId:D}", new { writesEnabled = true });
        await WaitUntilAsync(plant.AgentRunsWritableConfiguration, "the agent runs the configuration with writes enabled");
        await WaitUntilAsync(() => plant.Agent?.Log.Contains("Subscribed to proxus/agents/", StringComparison.Ordinal) == true, "the agent subscribed to its command topic");
        using var engineer = await plant.Server.CreateUserAsync("engineer-" + Suffix(), ["OtEngineer"], [plant.SiteId]);
        using var approver = await plant.Server.CreateUserAsync("approver-" + Suffix(), ["Approver"]);

        var modbus = await RequestAndApproveAsync(engineer, approver, Speed, "640");
        var done = await WaitForStateAsync(engineer, modbus, "Succeeded", "Failed", "TimedOut");
        done.GetProperty("state").GetString().Should().Be("Succeeded", done.ToString());
        done.GetProperty("readBack").GetString().Should().Be("640");
        await WaitAsync(Speed, payload => payload.GetProperty("value").GetInt64() == 640);

        var s7 = await RequestAndApproveAsync(engineer, approver, OvenSetpoint, "-42");
        done = await WaitForStateAsync(engineer, s7, "Succeeded", "Failed", "TimedOut");
        done.GetProperty("state").GetString().Should().Be("Succeeded", done.ToString());
        done.GetProperty("readBack").GetString().Should().Be("-42");
        await WaitAsync(OvenSetpoint, payload => payload.GetProperty("value").GetInt64() == -42);

        using (var self = await engineer.PostAsJsonAsync($"api/v1/writes/{modbus:D}/approve", new { }))
        {
            ((int)self.StatusCode).Should().Be(403, "nobody approves a request of their own");
        }

        await plant.StopAgentAsync();
        try
        {
            var offline = await RequestAndApproveAsync(engineer, approver, Speed, "10");
            done = await WaitForStateAsync(engineer, offline, "TimedOut", "Succeeded", "Failed");
            done.GetProperty("state").GetString().Should().Be("TimedOut", "no agent answered before the command expired");
        }
        finally
        {
            plant.StartAgent();
        }
    }

    private string TagMap(double levelEngineeringMax, bool withCounter, bool withOpcUa)
    {
        var agent = AgentDeployment.AgentName;
        var counter = withCounter ? $"""

              - path: {Counter}
                connection: press-plc
                address: HR1
                data_type: UInt16
                poll_group: fast
            """ : string.Empty;
        var opcUaConnection = withOpcUa ? $"""

              - id: filler-ua
                protocol: OpcUa
                agent: {agent}
                url: opc.tcp://127.0.0.1:{plant.OpcUaPort.ToString(CultureInfo.InvariantCulture)}
                security_mode: None
                security_policy: None
                poll_groups:
                  - name: fast
                    interval_ms: 500
            """ : string.Empty;
        var opcUaTag = withOpcUa ? $"""

              - path: {Pressure}
                connection: filler-ua
                address: ns=1;s=Float
                data_type: Float32
                source_unit: bar
                unit: kPa
                poll_group: fast
            """ : string.Empty;
        return $"""
            site:
              enterprise: {AgentDeployment.Enterprise}
              name: {AgentDeployment.SiteName}
            connections:
              - id: press-plc
                protocol: ModbusTcp
                agent: {agent}
                host: 127.0.0.1
                port: {plant.Modbus.Port.ToString(CultureInfo.InvariantCulture)}
                unit_id: 1
                poll_groups:
                  - name: fast
                    interval_ms: 500
              - id: line-s7
                protocol: S7
                agent: {agent}
                host: 127.0.0.1
                port: {plant.S7.Port.ToString(CultureInfo.InvariantCulture)}
                rack: 0
                slot: 1
                poll_groups:
                  - name: fast
                    interval_ms: 500{opcUaConnection}
            tags:
              - path: {Level}
                connection: press-plc
                address: HR0
                data_type: UInt16
                raw_min: 0
                raw_max: 1000
                eng_min: 0
                eng_max: {levelEngineeringMax.ToString(CultureInfo.InvariantCulture)}
                unit: "%"
                poll_group: fast
              - path: {Speed}
                connection: press-plc
                address: HR10
                data_type: UInt16
                poll_group: fast
                writable: true
                write_min: 0
                write_max: 1000
              - path: {OvenSetpoint}
                connection: line-s7
                address: DB1.DBW4
                data_type: Int16
                poll_group: fast
                writable: true
                write_min: -100
                write_max: 100
              - path: {OvenTicks}
                connection: line-s7
                address: DB1.DBW6
                data_type: Int16
                poll_group: fast{counter}{opcUaTag}
            """;
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    private static async Task<Guid> RequestAndApproveAsync(HttpClient engineer, HttpClient approver, string tag, string value)
    {
        using var created = await engineer.PostAsJsonAsync("api/v1/writes", new { tag, value, reason = "end-to-end acceptance" });
        await ServerProcess.EnsureSuccessAsync(created, "write request");
        var id = (await AgentDeployment.ReadJsonAsync(created)).GetProperty("id").GetGuid();
        using var approved = await approver.PostAsJsonAsync($"api/v1/writes/{id:D}/approve", new { });
        await ServerProcess.EnsureSuccessAsync(approved, "approval");
        return id;
    }

    private async Task<JsonElement> WaitForStateAsync(HttpClient client, Guid id, params string[] states)
    {
        var deadline = DateTime.UtcNow + AgentDeployment.Timeout;
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"api/v1/writes/{id:D}", UriKind.Relative));
            await ServerProcess.EnsureSuccessAsync(response, "write request lookup");
            var request = await AgentDeployment.ReadJsonAsync(response);
            if (states.Contains(request.GetProperty("state").GetString()))
            {
                return request;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The request stayed {request.GetProperty("state").GetString()}: {request} {plant.Diagnostics()}");
            }

            await Task.Delay(250);
        }
    }

    private Task<JsonElement> WaitAsync(string topic, Func<JsonElement, bool> predicate)
        => plant.Uns.WaitForAsync(topic, predicate, AgentDeployment.Timeout, plant.Diagnostics);

    private List<string> Connections()
    {
        if (plant.Agent?.ReadStatus() is not { } status)
        {
            return [];
        }

        return [.. status.GetProperty("report").GetProperty("connections").EnumerateArray().Select(connection => connection.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + AgentDeployment.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not seen in time: {what}. {plant.Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }
}
