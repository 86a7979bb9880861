using Proxus.Demo.Api;

namespace Proxus.Demo;

public sealed partial class DemoRunner
{
    /// <summary>An enrollment token the demo uses at once; it lives only as long as needed.</summary>
    private const int EnrollmentTokenMinutes = 10;

    /// <summary>
    /// Enrolls each site's agent once, exactly as an operator would (a one-time token from the REST
    /// API, <c>proxus-agent enroll</c> with the root CA's fingerprint), and starts
    /// <c>proxus-agent run</c> on its data directory. A second start finds the identity there and
    /// only runs the agent.
    /// </summary>
    private async Task StartAgentsAsync(ProxusClient admin, Uri server, DemoPorts ports, DemoState state, IReadOnlyList<SeededSite> sites, CancellationToken stopping)
    {
        foreach (var site in sites)
        {
            var name = site.Site.AgentName;
            var dataDirectory = paths.AgentDataDirectory(name);
            if (!File.Exists(Path.Combine(dataDirectory, "identity", "enrollment.json")))
            {
                Directory.CreateDirectory(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                var token = await admin.CreateEnrollmentTokenAsync(site.AgentId, EnrollmentTokenMinutes, stopping).ConfigureAwait(false);
                var (exitCode, text) = await ChildProcess.RunAsync(
                    name + "-enroll",
                    Dotnet,
                    [
                        paths.AgentDll, "enroll",
                        "--server", server.GetLeftPart(UriPartial.Authority),
                        "--token", token.Token,
                        "--ca-fingerprint", state.CaFingerprint!,
                        "--broker", $"mqtts://localhost:{Invariant(ports.MqttTls)}",
                        "--data-dir", dataDirectory,
                    ],
                    paths.LogFile(name + "-enroll"),
                    CommandTimeout,
                    stopping).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new DemoException($"proxus-agent enroll for {name} failed (exit code {exitCode}): {text.Trim()}");
                }

                await output.WriteLineAsync($"Agent {name} enrolled: {text.Split('\n')[0].Trim()}").ConfigureAwait(false);
            }

            _agents.Add(StartDotnet(name, paths.AgentDll, "run", "--data-dir", dataDirectory));
        }
    }
}
