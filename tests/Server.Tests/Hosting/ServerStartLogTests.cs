using Proxus.TestSupport;

namespace Proxus.Server.Tests.Hosting;

/// <summary>
/// What an operator reads when the server starts and stops as systemd and <c>./proxus demo</c> run it
/// (HTTPS from <c>urls</c>, MQTT over TLS, the loopback MQTT listener, the server's own MQTT consumers on
/// the embedded broker): no warning but the first start's documented ones (docs/configuration.md,
/// "Warnings at start"). A warning is for something to act on; a normal start and stop are not.
/// </summary>
public sealed class ServerStartLogTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The first start on an empty data directory: the administrator's one-time password, the generated key-encryption key, Data Protection keys stored without an XML encryptor.</summary>
    private static readonly string[] FirstStartWarnings =
    [
        "warn: Proxus.Server.Identity.IdentityInitializer[5100]",
        "warn: Proxus.Server.Pki.PrivateKeyProtector[2001]",
        "warn: Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager[35]",
    ];

    [Fact]
    public async Task StartThenStop_UrlsAndMqttEndpoints_OnlyTheFirstStartsDocumentedWarnings()
    {
        await using var server = await ServerProcess.StartAsync(new ServerProcessOptions { LoopbackMqtt = true, MqttTls = true, LogLevel = "Information" });
        await WaitForAsync(server, "Application started.");
        await WaitForAsync(server, "MQTT ingest consumer connected");

        await server.StopAsync();

        server.Log.Should().Contain("Application is shutting down").And.NotContain("Overriding address");
        var warnings = server.Log.Split('\n')
            .Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            .Select(line => line.TrimEnd());
        warnings.Except(FirstStartWarnings).Should().BeEmpty(server.Log);
    }

    private static async Task WaitForAsync(ServerProcess server, string text)
    {
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        while (!server.Log.Contains(text, StringComparison.Ordinal))
        {
            server.HasExited.Should().BeFalse(server.Log);
            await Task.Delay(200, timeout.Token);
        }
    }
}
