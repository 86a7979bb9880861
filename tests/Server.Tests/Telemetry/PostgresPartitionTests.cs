using Npgsql;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Telemetry;

/// <summary>PostgreSQL layout: native daily partitions, created ahead and on demand.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPartitionTests(PostgreSqlTelemetryFixture fixture) : IClassFixture<PostgreSqlTelemetryFixture>
{
    [Fact]
    public async Task Maintain_Started_TelemetryPartitionedWithDaysAhead()
    {
        await fixture.Host.Store.MaintainAsync(DateTimeOffset.UtcNow, null, CancellationToken.None);

        var partitions = await PartitionsAsync();

        var today = DateTime.UtcNow.Date;
        partitions.Should().Contain(Enumerable.Range(0, 4).Select(d => "telemetry_p" + today.AddDays(d).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Write_DayWithoutPartition_CreatesIt()
    {
        var day = TelemetrySamples.Day.AddDays(-30);

        await fixture.Host.Store.WriteAsync([TelemetrySamples.Number(TelemetrySamples.NewTag(), day.AddHours(5), 1)], CancellationToken.None);

        (await PartitionsAsync()).Should().Contain("telemetry_p" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<List<string>> PartitionsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Host.Get<Microsoft.Extensions.Options.IOptions<Proxus.Server.Data.DatabaseOptions>>().Value.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'telemetry'::regclass", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
