using System.Globalization;
using Proxus.Bench.Agent;
using Proxus.TestSupport;

// Usage: Proxus.Bench.Agent [--agent PATH] [--tags N] [--duration S] [--clock-poll-ms MS] [--env NAME=VALUE]...
// The server and the simulators run from their build outputs; the agent from its build output or
// from --agent (a published build as deployed: the Native AOT executable, or a .dll), which also
// enrolls, with the extra environment variables given.
var options = BenchOptions.Parse(args);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10) + options.Duration);
var token = cancellation.Token;
var work = Directory.CreateTempSubdirectory("proxus-bench-agent-").FullName;
try
{
    Console.Error.WriteLine("==> starting the simulators (Modbus bulk, S7 bulk, Modbus clock)");
    var clockConfig = Path.Combine(work, "clock.json");
    await File.WriteAllTextAsync(clockConfig, $"{{ \"updateIntervalMs\": {UnsSubscriber.ClockTickMs.ToString(CultureInfo.InvariantCulture)} }}", token);
    await using var modbus = await SimulatorProcess.StartAsync("modbus");
    await using var s7 = await SimulatorProcess.StartAsync("s7", "--db", $"1:{BenchTagMap.S7DataBlockBytes(options.Tags).ToString(CultureInfo.InvariantCulture)}");
    await using var clock = await SimulatorProcess.StartAsync("modbus", "--config", clockConfig, "--signal", $"{BenchTagMap.ClockAddress}:UInt64:Clock");

    // The server's own UNS consumers are off: this benchmark measures the agent, and the history
    // ingest of 10,000 rows/s into SQLite (bench/ingest's subject) would take the CPU the agent is
    // measured on. The broker, the PKI, enrollment and the configuration API are the real ones.
    // The broker's Receive Maximum (100 by default) caps an agent's unacknowledged QoS 1 publishes,
    // so its throughput is 100 per round trip: an installation with agents of 10,000 messages/s
    // raises it, as here. The subscriber's queue has room for the bursts of a 1 s poll.
    Console.Error.WriteLine("==> starting the server (Release, SQLite)");
    await using var server = await ServerProcess.StartAsync(ServerProcessOptions.ForAgentUnderLoad(maximumQueuedMessages: 100_000));
    Console.Error.WriteLine($"==> registering agent {BenchTagMap.AgentName} with a tag map of {options.Tags + 1:N0} tags");
    var registration = await server.RegisterAgentAsync(BenchTagMap.Enterprise, BenchTagMap.SiteName, BenchTagMap.AgentName, BenchTagMap.Yaml(options.Tags, modbus.Port, s7.Port, clock.Port, options.ClockPollMs));
    var dataDirectory = Path.Combine(work, "agent");
    Console.Error.WriteLine("==> enrolling the agent (proxus-agent enroll)");
    var agentPath = options.Agent ?? AgentProcess.DllPath;
    await AgentProcess.EnrollWithAsync(agentPath, server.BaseAddress, registration.EnrollmentToken, await server.GetCaFingerprintAsync(), dataDirectory, "--broker", server.BrokerUrl!.ToString());

    var broker = new Uri($"mqtt://127.0.0.1:{server.MqttPort!.Value.ToString(CultureInfo.InvariantCulture)}");
    await using var subscriber = await UnsSubscriber.StartAsync(broker, $"{BenchTagMap.Enterprise}/{BenchTagMap.SiteName}/#", token);
    Console.Error.WriteLine($"==> running the agent (proxus-agent run from {agentPath}{string.Concat(options.Environment.Select(pair => $", {pair.Key}={pair.Value}"))})");
    await using var agent = AgentProcess.StartFrom(agentPath, dataDirectory, options.Environment);
    await using var startup = StartupTrace.Start(agent.ProcessId);
    var expectedRate = options.Tags + (1000.0 / options.ClockPollMs);
    await BenchRun.WaitForSteadyRateAsync(subscriber, agent, expectedRate, token);
    startup.MarkSteady();

    Console.Error.WriteLine($"==> measuring agent pid {agent.ProcessId} for {options.Duration.TotalSeconds:N0} s");
    var result = await BenchRun.MeasureAsync(agent.ProcessId, subscriber, options.Duration, token);
    Console.WriteLine(Report.Table(options, expectedRate, result, startup.Summary()));
}
finally
{
    Directory.Delete(work, recursive: true);
}
