using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Proxus.TestSupport;

namespace Proxus.Web.Tests.Support;

/// <summary>
/// The real server, started as a process from its own build output on a free loopback port with a
/// temporary SQLite data directory, and Debian's Chromium driven by Playwright. On start the first
/// administrator's one-time password is read from the server's log and changed through the
/// portal, as a person would on first start. Stopped by process id on dispose.
/// </summary>
public partial class PortalServer : IAsyncLifetime
{
    public const string AdminUserName = "admin";

    /// <summary>The administrator's password after the first-start change.</summary>
    public const string AdminPassword = "first-admin-passphrase-42";

    /// <summary>Failed sign-ins before an account locks (the server is started with it).</summary>
    public const int MaxFailedSignIns = 3;

    /// <summary>How long an <c>Assertions.Expect</c> waits for a page to show what it expects (Playwright's default is 5 s).</summary>
    private const float ExpectTimeoutMilliseconds = 20_000;

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("proxus-web-tests-").FullName;
    private ExternalProcess? _server;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The broker's MQTT/TLS listener the agents dial (mutual TLS with their enrolled certificates).</summary>
    public int MqttTlsPort { get; private set; }

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The server's log so far, for diagnostics.</summary>
    public string Log => (_server?.StandardOutput ?? string.Empty) + (_server?.StandardError ?? string.Empty);

    public async Task InitializeAsync()
    {
        var dll = ServerDll();
        var port = LoopbackPort.GetFree();
        MqttTlsPort = LoopbackPort.GetFree();
        var mqttLoopbackPort = LoopbackPort.GetFree();
        BaseAddress = new Uri($"https://127.0.0.1:{port}/");
        _server = ExternalProcess.Start(
            "dotnet",
            [
                dll,
                "--urls", $"https://127.0.0.1:{port}",
                "--contentRoot", Path.GetDirectoryName(dll)!,
                $"--Server:DataDirectory={Path.Combine(_dataDirectory, "server")}",
                $"--Mqtt:DataDirectory={Path.Combine(_dataDirectory, "mqtt")}",
                // Agents publish over MQTT/TLS; the server's own UNS consumer reads on the loopback listener.
                $"--Mqtt:Port={mqttLoopbackPort}",
                $"--Mqtt:TlsPort={MqttTlsPort}",
                $"--Iam:MaxFailedSignIns={MaxFailedSignIns}",
                // An agent stopped by a test raises its offline alert within seconds, not ten minutes.
                "--Monitoring:EvaluationInterval=00:00:01",
                "--Monitoring:Rules:AgentOfflineAfter=00:00:02",
                .. ExtraArguments(),
            ],
            environment: new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["NO_COLOR"] = "1" });
        await _server.WaitForOutputAsync("Sign in and change it now", TimeSpan.FromSeconds(120));
        var initialPassword = InitialPassword().Match(_server.StandardOutput + _server.StandardError).Groups[1].Value;
        await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60));

        // An element of a page that has loaded may still take seconds to show on a loaded two-core machine. What arrives
        // asynchronously (an agent's report, an alert) is polled for with Portal.WaitUntilShownAsync, never expected once.
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ChromiumArgs, Headless = true });

        var page = await NewPageAsync();
        await Portal.SignInAsync(page, AdminUserName, initialPassword);
        await Portal.ChangeOwnPasswordAsync(page, initialPassword, AdminPassword);
        await page.Context.CloseAsync();
    }

    /// <summary>More server settings, for a fixture that needs them.</summary>
    protected virtual IEnumerable<string> ExtraArguments() => [];

    /// <summary>A fresh browser context (no cookies) with one page on the server.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            AcceptDownloads = true,
        });
        // Generous: the test run shares two cores with other test projects running alongside.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as the administrator.</summary>
    public async Task<IPage> AdminPageAsync()
    {
        var page = await NewPageAsync();
        await Portal.SignInAsync(page, AdminUserName, AdminPassword);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary><c>src/Server/bin/&lt;configuration&gt;/&lt;framework&gt;/Proxus.Server.dll</c>, matching this test's build.</summary>
    private static string ServerDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var path = Path.Combine(RepositoryPaths.Root, "src", "Server", "bin", output.Parent!.Name, output.Name, "Proxus.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The server is not built for this configuration; build the solution first.", path);
    }

    [GeneratedRegex(@"one-time password\s+(\S+)\s+Sign in")]
    private static partial Regex InitialPassword();
}
