using Microsoft.Playwright;
using Proxus.TestSupport;

namespace Proxus.Web.Tests.Support;

/// <summary>Enrolling and running the real agent with what the portal shows, and waiting for the portal to show its state.</summary>
public static partial class Portal
{
    /// <summary>How long an agent may take to enroll, connect, apply a configuration and publish values on a loaded machine.</summary>
    public static readonly TimeSpan AgentStep = TimeSpan.FromMinutes(2);

    /// <summary>The pause between two renderings of a page that is polled (an agent reports its status every second in the tests).</summary>
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The admin creates a one-hour enrollment token for the agent; returns the command the page shows.</summary>
    public static async Task<string> CreateEnrollCommandAsync(IPage admin, string agentId)
    {
        await admin.GotoAsync($"agents/{agentId}/enroll");
        await admin.GetByLabel("Valid for").SelectOptionAsync("1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        return (await admin.GetByTestId("enroll-command").InnerTextAsync()).Trim();
    }

    /// <summary>
    /// Runs the enroll command the portal showed (<c>proxus-agent enroll --server URL --token TOKEN
    /// --ca-fingerprint FP</c>, its server, token and fingerprint as shown) with the test's data
    /// directory and the broker's test port, then starts <c>proxus-agent run</c>.
    /// </summary>
    public static async Task<AgentProcess> EnrollAndRunAgentAsync(PortalServer server, string command, string dataDirectory)
    {
        var parts = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        parts.Should().HaveCount(8).And.StartWith(["proxus-agent", "enroll", "--server"]);
        parts[4].Should().Be("--token");
        parts[6].Should().Be("--ca-fingerprint");
        await AgentProcess.EnrollAsync(new Uri(parts[3]), parts[5], parts[7], dataDirectory, "--broker", $"mqtts://127.0.0.1:{server.MqttTlsPort}");
        return AgentProcess.Start(dataDirectory);
    }

    /// <summary>
    /// Reloads <paramref name="url"/> until <paramref name="shown"/> is on the page; fails with the agent's log after
    /// <paramref name="timeout"/>. The pages are rendered on the server: what an agent's report, a background service or
    /// another process changes shows only in a later rendering, so a test polls for it here instead of expecting it once.
    /// </summary>
    public static async Task WaitUntilShownAsync(IPage page, string url, Func<IPage, ILocator> shown, TimeSpan timeout, AgentProcess? agent = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await page.GotoAsync(url);
            if (await shown(page).CountAsync() > 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not show what was expected within {timeout}. Agent log:\n{agent?.Log}");
            }

            await Task.Delay(ReloadInterval);
        }
    }
}
