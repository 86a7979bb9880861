using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxus.Core.Status;
using Proxus.Mqtt.Broker;
using Proxus.Mqtt.Packets;
using Proxus.Server.Fleet.Status;
using Proxus.Server.Hosting;
using Proxus.Server.Mqtt;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;
using static Proxus.Server.Tests.Support.AgentStatusSamples;

namespace Proxus.Server.Tests.Fleet.Status;

/// <summary>The status consumer end to end: mosquitto as an external broker, and our embedded broker.</summary>
public sealed class AgentStatusConsumerTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Consumer_ExternalMosquitto_RetainedBirthLiveWillAndMalformedMessages()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var agent = Guid.NewGuid();
        var born = DateTimeOffset.UtcNow.AddMinutes(-10);
        await PublishAsync(broker, Topic(agent), Bytes(Report(agent, AgentState.Online, born)), retain: true);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MqttConsumer:Url"] = broker.Uri.ToString(),
            ["MqttConsumer:ClientId"] = "proxus-test-" + Guid.NewGuid().ToString("N"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddProxusAgentStatus();
        using var host = builder.Build();
        using (var timeout = new CancellationTokenSource(StartTimeout))
        {
            await host.StartAsync(timeout.Token);
        }

        var store = host.Services.GetRequiredService<IAgentStatusStore>();
        await Eventually.HoldsAsync(() => store.TryGet(agent, out _), "the retained birth reached the store");
        store.TryGet(agent, out var birth).Should().BeTrue();
        birth!.IsOnline.Should().BeTrue();
        birth.LastSeen.Should().BeCloseTo(born, TimeSpan.FromMilliseconds(1), "a retained report was seen when it was made");

        // The will, as mosquitto publishes it for the agent: live now (the retained copy is for later subscribers).
        await PublishAsync(broker, Topic(agent), Bytes(Report(agent, AgentState.Offline, born)), retain: true);
        await Eventually.HoldsAsync(() => store.TryGet(agent, out var e) && !e.IsOnline, "the will made the agent offline");

        // A malformed message for another agent, then a good one: one publisher, so they arrive in order.
        var broken = Guid.NewGuid();
        var later = Guid.NewGuid();
        await PublishAsync(broker, Topic(broken), Utf8("""{"agentId":"oops"}"""), retain: true);
        await PublishAsync(broker, Topic(later), Bytes(Report(later, AgentState.Online, DateTimeOffset.UtcNow)), retain: false);
        await Eventually.HoldsAsync(() => store.TryGet(later, out _), "the good message after the malformed one arrived");

        store.TryGet(broken, out _).Should().BeFalse();
        store.All.Select(e => (e.AgentId, e.IsOnline)).Should().BeEquivalentTo([(agent, false), (later, true)]);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Consumer_EmbeddedBroker_ConnectsAsTheServerOverLoopbackAndReadsRetainedAndLiveStatus()
    {
        var database = await fixture.CreateDatabaseAsync();
        var settings = TrustHost.Configuration(database);
        var port = LoopbackPort.GetFree();
        settings["urls"] = "http://127.0.0.1:0";
        settings["Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture);
        settings["Mqtt:TlsPort"] = "0";
        settings["Mqtt:AllowAnonymous"] = "false";
        settings["Mqtt:DataDirectory"] = string.Empty;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddProxusTrust();
        builder.AddProxusBroker();
        builder.AddProxusAgentStatus();
        await using var app = builder.Build();
        var broker = app.Services.GetRequiredService<MqttBroker>();
        var agent = Guid.NewGuid();
        var born = DateTimeOffset.UtcNow.AddMinutes(-1);
        using (var timeout = new CancellationTokenSource(StartTimeout))
        {
            await app.StartAsync(timeout.Token);
        }

        broker.Publish(new MqttApplicationMessage { Topic = Topic(agent), Payload = Bytes(Report(agent, AgentState.Online, born)), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true });
        var store = app.Services.GetRequiredService<IAgentStatusStore>();
        await Eventually.HoldsAsync(() => store.TryGet(agent, out _), "the status reached the store through the loopback listener");

        broker.Publish(new MqttApplicationMessage { Topic = Topic(agent), Payload = Bytes(Report(agent, AgentState.Offline, born, "shutdown")), QualityOfService = MqttQualityOfService.AtLeastOnce, Retain = true });
        await Eventually.HoldsAsync(() => store.TryGet(agent, out var e) && !e.IsOnline, "the shutdown report made the agent offline");
        store.TryGet(agent, out var entry).Should().BeTrue();
        entry!.Report.Reason.Should().Be("shutdown");
        await app.StopAsync(CancellationToken.None);
    }

    private static async Task PublishAsync(MosquittoBroker broker, string topic, byte[] payload, bool retain)
    {
        string[] arguments = ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1", "-t", topic, "-m", System.Text.Encoding.UTF8.GetString(payload)];
        var result = await Mosquitto.PubAsync(retain ? [.. arguments, "-r"] : arguments);
        result.ExitCode.Should().Be(0, result.Output());
    }
}
