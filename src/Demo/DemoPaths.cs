namespace Proxus.Demo;

/// <summary>
/// Where the demo finds the programs it starts and keeps its data. <see cref="BuildRoot"/> is the
/// checkout whose build outputs run: the repository itself, or the tree named by
/// <c>PROXUS_DEMO_PREBUILT</c> (the acceptance test reuses the outputs of the tree under test).
/// </summary>
public sealed record DemoPaths(string Root, string BuildRoot, string DataDirectory)
{
    public const string PrebuiltVariable = "PROXUS_DEMO_PREBUILT";

    private const string Configuration = "Release";
    private const string Framework = "net10.0";

    public string ServerDll => Output("Server", "Proxus.Server.dll");

    public string AgentDll => Output("Agent", "proxus-agent.dll");

    public string SimulatorsDll => Output("Simulators", "Proxus.Simulators.dll");

    /// <summary>The sample plant's tag maps and simulator settings, copied next to the demo.</summary>
    public static string PlantDirectory => Path.Combine(AppContext.BaseDirectory, "Plant");

    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public string ServerDataDirectory => Path.Combine(DataDirectory, "server");

    public string MqttDataDirectory => Path.Combine(DataDirectory, "mqtt");

    /// <summary>The server's CA chain (PEM), for clients that check its certificate (curl --cacert, MQTT tools --cafile).</summary>
    public string CaChainFile => Path.Combine(DataDirectory, "ca-chain.pem");

    /// <summary>The read-only UNS consumer's certificate, key and CA chain (owner-only).</summary>
    public string ConsumerDirectory => Path.Combine(DataDirectory, "consumer");

    public string AgentDataDirectory(string agentName) => Path.Combine(DataDirectory, "agents", agentName);

    public string LogFile(string name) => Path.Combine(LogDirectory, name + ".log");

    /// <summary>Fails with the build command to run when a program is missing.</summary>
    public void EnsureBuilt()
    {
        foreach (var dll in new[] { ServerDll, AgentDll, SimulatorsDll })
        {
            if (!File.Exists(dll))
            {
                throw new DemoException($"{dll} does not exist; build first: dotnet build {Path.Combine(BuildRoot, "src", "Demo", "Demo.csproj")} -c {Configuration}");
            }
        }
    }

    /// <summary>Creates the data directory (0700: it holds passwords and keys) and its log directory.</summary>
    public void CreateDirectories()
    {
        Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(LogDirectory);
    }

    private string Output(string project, string dll) => Path.Combine(BuildRoot, "src", project, "bin", Configuration, Framework, dll);
}
