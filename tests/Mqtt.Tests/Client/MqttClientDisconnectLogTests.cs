using Microsoft.Extensions.Logging;
using Proxus.Mqtt.Client;
using Proxus.Mqtt.Packets;
using Proxus.Mqtt.Tests.Client.Support;
using static Proxus.Mqtt.Tests.Client.Support.ClientTestExtensions;

namespace Proxus.Mqtt.Tests.Client;

/// <summary>
/// What an operator reads when a connection ends: the server's DISCONNECT is one line naming its
/// reason code (no stack); Server shutting down is not a fault (Information while our own host stops,
/// Debug otherwise: the application says what it does next); a broken transport keeps its exception.
/// </summary>
public sealed class MqttClientDisconnectLogTests
{
    [Fact]
    public async Task ServerShuttingDown_WhileHostStops_InformationWithoutExceptionAndNoReconnect()
    {
        var logger = new RecordingLogger<MqttClient>();
        using var hostStopping = new CancellationTokenSource();
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true) with { HostStopping = hostStopping.Token }, logger: logger);
        await using var _client = client;
        await hostStopping.CancelAsync();

        var disconnected = await client.NextDisconnectAsync(() => connection.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.ServerShuttingDown }));

        disconnected.WillReconnect.Should().BeFalse();
        logger.Entries.Should().ContainSingle(e => e.EventId == 2110).Which.Should().Match<(LogLevel Level, int EventId, string Message, Exception? Exception)>(e => e.Level == LogLevel.Information && e.Exception == null);
        logger.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ServerShuttingDown_WhileHostRuns_DebugLineAndNoWarning()
    {
        var logger = new RecordingLogger<MqttClient>();
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri), logger: logger);
        await using var _client = client;

        await client.NextDisconnectAsync(() => connection.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.ServerShuttingDown }));

        logger.Entries.Should().ContainSingle(e => e.EventId == 2111).Which.Should().Match<(LogLevel Level, int EventId, string Message, Exception? Exception)>(e => e.Level == LogLevel.Debug && e.Exception == null);
        logger.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning, "an announced shutdown is not a fault; the application says what it does next");
    }

    [Fact]
    public async Task ServerDisconnect_OtherReasonCode_OneWarningWithReasonCodeWithoutException()
    {
        var logger = new RecordingLogger<MqttClient>();
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri), logger: logger);
        await using var _client = client;

        await client.NextDisconnectAsync(() => connection.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.AdministrativeAction }));

        var warning = logger.Entries.Should().ContainSingle(e => e.Level >= LogLevel.Warning).Subject;
        warning.Should().Match<(LogLevel Level, int EventId, string Message, Exception? Exception)>(e => e.Level == LogLevel.Warning && e.EventId == 2109 && e.Exception == null);
        warning.Message.Should().Contain("AdministrativeAction");
    }

    [Fact]
    public async Task ServerShuttingDown_HostStoppingNotSignalled_StillReconnects()
    {
        using var hostStopping = new CancellationTokenSource();
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri, reconnect: true) with { HostStopping = hostStopping.Token });
        await using var _client = client;

        var disconnected = await client.NextDisconnectAsync(() => connection.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.ServerShuttingDown }));

        disconnected.WillReconnect.Should().BeTrue();
    }

    [Fact]
    public async Task TransportDropped_WarningKeepsTheException()
    {
        var logger = new RecordingLogger<MqttClient>();
        await using var server = new ScriptedMqttServer();
        var (client, connection, _) = await server.ConnectAsync(Options(server.Uri), logger: logger);
        await using var _client = client;

        await client.NextDisconnectAsync(() =>
        {
            connection.Drop();
            return Task.CompletedTask;
        });

        logger.Entries.Should().ContainSingle(e => e.Level >= LogLevel.Warning)
            .Which.Should().Match<(LogLevel Level, int EventId, string Message, Exception? Exception)>(e => e.EventId == 2101 && e.Exception != null);
    }
}
