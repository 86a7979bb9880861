using System.Net;
using System.Text.Json;
using Npgsql;
using Proxus.Server.Data;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Observability;

/// <summary>/healthz and /readyz on a server over PostgreSQL, before and after its database goes away.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-ready-").FullName;
    private string _database = null!;
    private TrustWebHost _server = null!;

    public async Task InitializeAsync()
    {
        _database = await postgres.Server.CreateDatabaseAsync();
        var database = new TestDatabase(DatabaseProvider.PostgreSql, postgres.Server.ConnectionString(_database), Path.Combine(_directory, "data"));
        _server = await TrustWebHost.StartAsync(database, withBroker: true);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Readyz_EverythingUp_200WithEveryCheckHealthy()
    {
        using var client = _server.CreateClient();

        using var response = await client.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        var checks = body.RootElement.GetProperty("checks");
        checks.EnumerateObject().Select(c => c.Name).Should().BeEquivalentTo(["certificate-authority", "database", "mqtt-broker"]);
        checks.EnumerateObject().Should().OnlyContain(c => c.Value.GetProperty("status").GetString() == "Healthy");
        checks.GetProperty("mqtt-broker").GetProperty("data").GetProperty("listeners").EnumerateArray().Select(l => l.GetString())
            .Should().ContainSingle().Which.Should().Be($"mqtts 127.0.0.1:{_server.MqttTlsPort}");
    }

    [Fact]
    public async Task Readyz_DatabaseDropped_503DatabaseUnhealthyWithoutDetails()
    {
        using var client = _server.CreateClient();
        await DropDatabaseAsync();

        using var response = await client.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        body.RootElement.GetProperty("status").GetString().Should().Be("Unhealthy");
        var database = body.RootElement.GetProperty("checks").GetProperty("database");
        database.GetProperty("status").GetString().Should().Be("Unhealthy");
        database.GetProperty("description").GetString().Should().StartWith("database unreachable");
        body.RootElement.GetProperty("checks").GetProperty("certificate-authority").GetProperty("status").GetString().Should().Be("Healthy");
        text.Should().NotContain(_database, "an anonymous caller learns nothing about the database");
    }

    [Fact]
    public async Task Healthz_DatabaseDropped_StillAlive()
    {
        using var client = _server.CreateClient();
        await DropDatabaseAsync();

        using var response = await client.GetAsync("/healthz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        body.RootElement.GetProperty("checks").EnumerateObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Readyz_BrokerStopped_503BrokerUnhealthy()
    {
        using var client = _server.CreateClient();
        await _server.Get<Proxus.Mqtt.Broker.MqttBroker>().StopAsync(CancellationToken.None);

        using var response = await client.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var broker = body.RootElement.GetProperty("checks").GetProperty("mqtt-broker");
        broker.GetProperty("status").GetString().Should().Be("Unhealthy");
        broker.GetProperty("description").GetString().Should().Be("the broker is not running");
    }

    private async Task DropDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(postgres.Server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
