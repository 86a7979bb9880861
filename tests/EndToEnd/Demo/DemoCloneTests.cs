using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Proxus.Demo;
using Proxus.TestSupport;
using Xunit.Abstractions;

namespace Proxus.EndToEnd.Tests.Demo;

/// <summary>
/// The acceptance test of the demo: a fresh clone of this repository at HEAD, the README's demo
/// command run in it (reusing this tree's build outputs through PROXUS_DEMO_PREBUILT), then an agent
/// online on its status topic, values on the UNS through the printed mosquitto_sub command line,
/// the portal answering, and SIGINT stopping every process the demo started. A second start reuses
/// the data: nothing is seeded twice, no agent enrolls again, the passwords stay.
/// </summary>
public sealed partial class DemoCloneTests(ITestOutputHelper log) : IAsyncLifetime
{
    /// <summary>
    /// From the demo's ready line (the agents are started just before it) to an agent online and
    /// values on the UNS (issue #11: within two minutes). Starting the server and seeding get their
    /// own bound: on a loaded CI machine password hashing and the first start take their time.
    /// </summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-demo-clone-").FullName;
    private readonly List<ExternalProcess> _processes = [];

    private string Clone => Path.Combine(_directory, "proxus");

    public async Task InitializeAsync()
    {
        var head = (await RunCheckedAsync("git", ["-C", RepositoryPaths.Root, "rev-parse", "HEAD"])).Trim();
        await RunCheckedAsync("git", ["clone", "--quiet", "--no-checkout", RepositoryPaths.Root, Clone]);
        await RunCheckedAsync("git", ["-C", Clone, "checkout", "--quiet", head]);
    }

    [Fact]
    public async Task ReadmeDemoCommand_FreshClone_LiveUnsPortalAndCleanStopThenReusesItsData()
    {
        var command = ReadmeDemoCommand(File.ReadAllText(Path.Combine(Clone, "README.md")));
        command.Should().StartWith("./proxus demo");

        var started = Stopwatch.StartNew();
        var first = await StartAsync(command);
        await first.Demo.WaitForOutputAsync(DemoRunner.ReadyLine, ReadyWithin);
        await first.Demo.WaitForOutputAsync(DemoRunner.StopHint, TimeSpan.FromSeconds(30));
        log.WriteLine($"first start: ready after {started.Elapsed.TotalSeconds:0} s");
        var stopwatch = Stopwatch.StartNew();
        var banner = first.Demo.StandardOutput;
        var ports = ReadState().Ports!;
        var children = ProcessTree.Descendants(first.Demo.Id);
        children.Should().HaveCountGreaterThanOrEqualTo(6, "three simulators, the server and two agents run as their own processes");

        var online = await AgentStatusAsync(ports, LiveWithin - stopwatch.Elapsed);
        online.GetProperty("state").GetString().Should().Be("Online");
        log.WriteLine($"an agent online {stopwatch.Elapsed.TotalSeconds:0} s after the ready line");

        var values = await UnsValuesAsync(ConsumerCommand(banner), LiveWithin - stopwatch.Elapsed);
        values.Should().NotBeEmpty();
        values.Should().OnlyContain(v => v.Topic.StartsWith("Acme/", StringComparison.Ordinal));
        values.Should().Contain(v => v.Quality == "good" && v.Value.ValueKind == JsonValueKind.Number);
        log.WriteLine($"values on the UNS {stopwatch.Elapsed.TotalSeconds:0} s after the ready line");

        await PortalAnswersAsync(ports);

        await StopWithSigintAsync(first.Demo, children);

        var state = ReadState();
        started.Restart();
        var second = await StartAsync(command);
        await second.Demo.WaitForOutputAsync(DemoRunner.ReadyLine, ReadyWithin);
        await second.Demo.WaitForOutputAsync(DemoRunner.StopHint, TimeSpan.FromSeconds(30));
        log.WriteLine($"second start: ready after {started.Elapsed.TotalSeconds:0} s");
        second.Demo.StandardOutput.Should().NotContain("enrolled", "each agent keeps the identity of the first start");
        Regex.Matches(second.Demo.StandardOutput, @"\(\d+ tags, unchanged\)").Should().HaveCount(DemoPlant.Sites.Count, "nothing is seeded twice");
        ReadState().Passwords.Should().Equal(state.Passwords);
        second.Demo.StandardOutput.Should().Contain(state.Passwords[DemoPlant.AdminUserName]);
        await StopWithSigintAsync(second.Demo, ProcessTree.Descendants(second.Demo.Id));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            foreach (var child in ProcessTree.Descendants(process.Id))
            {
                KillQuietly(child);
            }

            await process.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The demo line of the README's first shell block, without its comment.</summary>
    internal static string ReadmeDemoCommand(string readme)
    {
        var block = ShellBlock().Match(readme);
        block.Success.Should().BeTrue("the README shows its commands in a ```sh block");
        return block.Groups[1].Value.Split('\n')
            .Select(line => line.Split('#')[0].Trim())
            .First(line => line.Contains(" demo", StringComparison.Ordinal));
    }

    /// <summary>The <c>mosquitto_sub</c> command line the demo printed.</summary>
    internal static string ConsumerCommand(string banner)
        => banner.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("mosquitto_sub ", StringComparison.Ordinal));

    private async Task<(ExternalProcess Demo, string Command)> StartAsync(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var demo = ExternalProcess.Start(
            Path.Combine(Clone, words[0]),
            words[1..],
            Clone,
            new Dictionary<string, string> { [DemoPaths.PrebuiltVariable] = RepositoryPaths.Root });
        _processes.Add(demo);
        return (demo, command);
    }

    private DemoState ReadState() => new DemoStateStore(Path.Combine(Clone, ".proxus", "demo")).Load();

    /// <summary>An independent client (mosquitto_sub) reads the agents' retained status on the loopback listener.</summary>
    private static async Task<JsonElement> AgentStatusAsync(DemoPorts ports, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            await using var sub = await ExternalProcess.RunAsync(
                "mosquitto_sub",
                ["-h", "127.0.0.1", "-p", ports.MqttLoopback.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-t", "proxus/agents/+/status", "-C", "1", "-W", "10"],
                TimeSpan.FromSeconds(30));
            if (sub.ExitCode == 0)
            {
                using var document = JsonDocument.Parse(sub.StandardOutput);
                if (document.RootElement.GetProperty("state").GetString() == "Online" || DateTime.UtcNow > deadline)
                {
                    return document.RootElement.Clone();
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No agent status within {within}: {sub.StandardError}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Runs the printed command line (bash) with a message count and a timeout added.</summary>
    private static async Task<List<UnsValue>> UnsValuesAsync(string command, TimeSpan within)
    {
        var seconds = Math.Max(10, (int)within.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await using var sub = await ExternalProcess.RunAsync("bash", ["-c", $"{command} -C 5 -W {seconds}"], within + TimeSpan.FromSeconds(30));
        sub.ExitCode.Should().Be(0, $"mosquitto_sub receives values: {sub.StandardError}");
        return [.. sub.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(UnsValue.Parse)];
    }

    /// <summary>The sign-in page over HTTPS, its certificate checked against the CA chain the demo wrote.</summary>
    private async Task PortalAnswersAsync(DemoPorts ports)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(Path.Combine(Clone, ".proxus", "demo", "ca-chain.pem"));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri($"https://localhost:{ports.Https.ToString(CultureInfo.InvariantCulture)}/login"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("<form");
    }

    private static async Task StopWithSigintAsync(ExternalProcess demo, IReadOnlyList<int> children)
    {
        await RunCheckedAsync("kill", ["-INT", demo.Id.ToString(CultureInfo.InvariantCulture)]);
        await demo.WaitForExitAsync(StopWithin);
        demo.ExitCode.Should().Be(0, demo.StandardError);
        demo.StandardOutput.Should().Contain("Stopped.");
        children.Where(ProcessTree.IsAlive).Should().BeEmpty("the demo stops every process it started");
    }

    private static void KillQuietly(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }

    private static async Task<string> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments)
    {
        await using var process = await ExternalProcess.RunAsync(fileName, arguments, TimeSpan.FromMinutes(2));
        process.ExitCode.Should().Be(0, $"{fileName} {string.Join(' ', arguments)}: {process.StandardError}");
        return process.StandardOutput;
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
