using Microsoft.Data.Sqlite;
using Npgsql;
using Proxus.Server.Data;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;
using static Proxus.Server.Tests.Support.TelemetrySamples;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>
/// Issue #8's acceptance on each database: the real server process consumes the UNS from mosquitto,
/// is killed with SIGKILL in the middle of ingesting, and restarted; every message published ends
/// up stored exactly once (an acknowledged message lost, or a redelivery stored twice, would change
/// the count).
/// </summary>
public abstract class IngestAcceptanceTests(TrustFixture databases) : IAsyncLifetime
{
    private const int Tags = 30;
    private const int ValuesPerTag = 1000;
    private const int Total = Tags * ValuesPerTag;

    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Ingest_ServerKilledMidBatchThenRestarted_EveryMessageStoredExactlyOnce()
    {
        var database = await databases.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["MqttConsumer:Url"] = _broker.Uri.ToString(),
            ["MqttConsumer:ClientId"] = "proxus-acceptance-" + Guid.NewGuid().ToString("N"),
            ["Telemetry:BatchSize"] = "1000",
        };
        var site = $"Acme/Site{Guid.NewGuid():N}";
        await using var publisher = await UnsPublisher.ConnectAsync(_broker.Uri);

        long atKill;
        await using (var first = await ServerProcess.StartAsync(Options(database, settings)))
        {
            // The consumer's subscription exists once a probe is stored; from then on the broker keeps its messages.
            await publisher.PublishAsync($"{site}/Probe/Start", Payload(Day, 0));
            await Eventually.HoldsAsync(async () => await CountAsync(database) == 1, "the server's consumer subscribed");

            var publishing = Task.WhenAll(Enumerable.Range(0, Tags).Select(t => publisher.PublishSeriesAsync($"{site}/Line1/Tag{t}", Day, ValuesPerTag)));
            await Eventually.HoldsAsync(async () => await CountAsync(database) >= 3000, "ingest is under way");
            await first.KillAsync();
            atKill = await CountAsync(database);
            await publishing;
        }

        atKill.Should().BeLessThan(Total + 1, "the server was killed in the middle of the stream");

        await using var second = await ServerProcess.StartAsync(Options(database, settings));
        try
        {
            await Eventually.HoldsAsync(async () => await CountAsync(database) >= Total + 1, "the restarted server stored the rest", TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {await CountAsync(database)} of {Total + 1} rows (at the kill: {atKill}). Server: {second.Log} Broker: {_broker.StandardError}", e);
        }

        // A QoS 1 redelivery of a stored value, then a new value to know the redelivery was processed.
        await publisher.PublishAsync($"{site}/Line1/Tag0", Payload(Day, 0));
        await publisher.PublishAsync($"{site}/Probe/End", Payload(Day, 0));
        await Eventually.HoldsAsync(async () => await CountAsync(database) >= Total + 2, "the end probe was stored");
        (await CountAsync(database)).Should().Be(Total + 2, "every message exactly once: none lost, no redelivery stored twice");
    }

    private static ServerProcessOptions Options(TestDatabase database, Dictionary<string, string> settings) => new()
    {
        DataDirectory = database.DataDirectory,
        PostgreSqlConnectionString = database.Provider == DatabaseProvider.PostgreSql ? database.ConnectionString : null,
        Https = false,
        Settings = settings,
    };

    private static async Task<long> CountAsync(TestDatabase database)
    {
        const string Sql = "SELECT COUNT(*) FROM telemetry";
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(Sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        var file = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = database.DataDirectory }.EffectiveConnectionString;
        if (!File.Exists(new SqliteConnectionStringBuilder(file).DataSource))
        {
            return 0;
        }

        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder(file) { Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        await sqlite.OpenAsync();
        await using var count = sqlite.CreateCommand();
        count.CommandText = Sql;
        try
        {
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            // The migrations have not created the table yet.
            return 0;
        }
    }
}

public sealed class IngestAcceptanceSqliteTests(SqliteTrustFixture fixture) : IngestAcceptanceTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class IngestAcceptancePostgreSqlTests(PostgreSqlTrustFixture fixture) : IngestAcceptanceTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
