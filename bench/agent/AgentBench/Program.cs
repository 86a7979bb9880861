using System.Globalization;
using Proxus.Bench.Agent;
using Proxus.TestSupport;

// Usage: Proxus.Bench.Agent --server-dll PATH --agent-dll PATH [--tags N] [--duration S] [--clock-poll-ms MS] [--readme PATH] [--command TEXT]
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var serverDll = Path.GetFullPath(options["--server-dll"]);
var agentDll = Path.GetFullPath(options["--agent-dll"]);
var tags = int.Parse(options.GetValueOrDefault("--tags", "10000"), CultureInfo.InvariantCulture);
var duration = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("--duration", "60"), CultureInfo.InvariantCulture));
var clockPollMs = int.Parse(options.GetValueOrDefault("--clock-poll-ms", "100"), CultureInfo.InvariantCulture);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10) + duration);
var token = cancellation.Token;
var work = Directory.CreateTempSubdirectory("proxus-bench-agent-").FullName;
try
{
    Console.Error.WriteLine("==> starting the simulators (Modbus bulk, S7 bulk, Modbus clock)");
    var clockConfig = Path.Combine(work, "clock.json");
    await File.WriteAllTextAsync(clockConfig, "{ \"updateIntervalMs\": 10 }", token);
    await using var modbus = await SimulatorProcess.StartAsync("modbus");
    await using var s7 = await SimulatorProcess.StartAsync("s7", "--db", $"1:{BenchTagMap.S7DataBlockBytes(tags).ToString(CultureInfo.InvariantCulture)}");
    await using var clock = await SimulatorProcess.StartAsync("modbus", "--config", clockConfig, "--signal", $"{BenchTagMap.ClockAddress}:UInt64:Clock");

    // The server's own UNS consumers are off: this benchmark measures the agent, and the history
    // ingest of 10,000 rows/s into SQLite (bench/ingest's subject) would take the CPU the agent is
    // measured on. The broker, the PKI, enrollment and the configuration API are the real ones.
    Console.Error.WriteLine("==> starting the server (Release, SQLite)");
    // The broker's Receive Maximum (100 by default) caps an agent's unacknowledged QoS 1 publishes,
    // so its throughput is 100 per round trip: an installation with agents of 10,000 messages/s
    // raises it, as here. The subscriber's queue has room for the bursts of a 1 s poll.
    await using var server = await ServerProcess.StartAsync(serverDll, "MqttConsumer:Enabled=false", "Mqtt:Broker:MaximumInFlightMessages=1024", "Mqtt:Broker:MaximumQueuedMessages=100000");
    string enrollmentToken;
    using (var api = new FleetApi(server.BaseAddress))
    {
        await api.SignInAsync(server.InitialPassword, token);
        var (siteId, agentId) = await api.CreateSiteAndAgentAsync(BenchTagMap.Enterprise, BenchTagMap.SiteName, BenchTagMap.AgentName, token);
        Console.Error.WriteLine($"==> publishing a tag map of {tags + 1:N0} tags for agent {agentId:D}");
        await api.PublishTagMapAsync(siteId, BenchTagMap.Yaml(tags, modbus.Port, s7.Port, clock.Port, clockPollMs), token);
        enrollmentToken = await api.CreateEnrollmentTokenAsync(agentId, token);
    }

    var dataDirectory = Path.Combine(work, "agent");
    Console.Error.WriteLine("==> enrolling the agent over REST (proxus-agent enroll)");
    await using (var enroll = await ExternalProcess.RunAsync("dotnet", [agentDll, "enroll", "--server", server.BaseAddress.ToString(), "--token", enrollmentToken, "--broker", server.AgentBroker.ToString(), "--data-dir", dataDirectory], TimeSpan.FromSeconds(120)))
    {
        if (enroll.ExitCode != 0)
        {
            throw new InvalidOperationException($"enroll exited with {enroll.ExitCode}: {enroll.StandardOutput}{enroll.StandardError}");
        }
    }

    await using var subscriber = await UnsSubscriber.StartAsync(server.Broker, $"{BenchTagMap.Enterprise}/{BenchTagMap.SiteName}/#", token);
    Console.Error.WriteLine("==> running the agent (proxus-agent run)");
    await using var agent = ExternalProcess.Start("dotnet", [agentDll, "run", "--data-dir", dataDirectory]);
    var expectedRate = tags + (1000.0 / clockPollMs);
    await BenchRun.WaitForSteadyRateAsync(subscriber, agent, dataDirectory, expectedRate, token);

    Console.Error.WriteLine($"==> measuring for {duration.TotalSeconds:N0} s");
    var result = await BenchRun.MeasureAsync(agent.Id, subscriber, duration, token);
    var table = Report.Table(tags, clockPollMs, expectedRate, result);
    Console.WriteLine(table);
    if (options.TryGetValue("--readme", out var readme))
    {
        await File.WriteAllTextAsync(readme, Report.Readme(table, options.GetValueOrDefault("--command", "./proxus bench agent"), tags, clockPollMs), token);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}
