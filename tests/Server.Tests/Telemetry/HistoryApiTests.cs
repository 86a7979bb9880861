using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Proxus.Server.Telemetry;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Telemetry;

/// <summary><c>/api/v1/history</c> over HTTP on a real database, on each provider.</summary>
public abstract class HistoryApiTests(TelemetryFixture fixture) : IAsyncLifetime
{
    private readonly string _temperature = TelemetrySamples.NewTag();
    private readonly string _pressure = TelemetrySamples.NewTag("Pressure_bar");
    private readonly DateTimeOffset _t = TelemetrySamples.Day.AddHours(6);

    public async Task InitializeAsync()
    {
        var points = Enumerable.Range(0, 120).Select(i => TelemetrySamples.Number(_temperature, _t.AddSeconds(i), i)).ToList();
        points.Add(TelemetrySamples.Number(_pressure, _t, 1.5));
        points.Add(new TelemetryPoint(_pressure, _t.AddSeconds(1), _t, null, null, "=cmd()", TelemetryQuality.Uncertain, "bar", null, null));
        await fixture.Host.Store.WriteAsync(points, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Raw_TwoTags_ReturnsEachTagsRowsInTimeOrder()
    {
        using var client = fixture.Host.CreateClient();

        var points = await client.GetFromJsonAsync<JsonElement[]>(Url("raw", $"&from={Iso(_t)}&to={Iso(_t.AddSeconds(3))}"));

        points!.Select(p => (p.GetProperty("tag").GetString(), p.GetProperty("timestamp").GetDateTimeOffset(), p.GetProperty("value").ToString(), p.GetProperty("quality").GetString()))
            .Should().Equal(
                (_temperature, _t, "0", "good"),
                (_temperature, _t.AddSeconds(1), "1", "good"),
                (_temperature, _t.AddSeconds(2), "2", "good"),
                (_pressure, _t, "1.5", "good"),
                (_pressure, _t.AddSeconds(1), "=cmd()", "uncertain"));
    }

    [Fact]
    public async Task Raw_Limit_CapsRowsAcrossTags()
    {
        using var client = fixture.Host.CreateClient();

        var points = await client.GetFromJsonAsync<JsonElement[]>(Url("raw", $"&from={Iso(_t)}&to={Iso(_t.AddHours(1))}&limit=121"));

        points.Should().HaveCount(121);
        points!.Last().GetProperty("tag").GetString().Should().Be(_pressure);
    }

    [Fact]
    public async Task Aggregates_OneMinuteBuckets_ExactValues()
    {
        using var client = fixture.Host.CreateClient();

        var buckets = await client.GetFromJsonAsync<HistoryBucket[]>($"/api/v1/history/aggregates?tag={Uri.EscapeDataString(_temperature)}&from={Iso(_t)}&to={Iso(_t.AddMinutes(2))}&bucket=1m");

        buckets.Should().Equal(
            new HistoryBucket(_temperature, _t, 0, 59, 29.5, 0, 59, 60),
            new HistoryBucket(_temperature, _t.AddMinutes(1), 60, 119, 89.5, 60, 119, 60));
    }

    [Fact]
    public async Task Export_TwoTags_CsvWithHeaderAndNeutralizedFormula()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(Url("export", $"&from={Iso(_t)}&to={Iso(_t.AddSeconds(2))}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "tag,timestamp,value,quality",
            $"{_temperature},{_t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z,0,good",
            $"{_temperature},{_t.AddSeconds(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z,1,good",
            $"{_pressure},{_t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z,1.5,good",
            $"{_pressure},{_t.AddSeconds(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000Z,'=cmd(),uncertain");
    }

    [Fact]
    public async Task Last_StoredTags_NewestValueEach()
    {
        using var client = fixture.Host.CreateClient();

        var values = await client.GetFromJsonAsync<JsonElement[]>(Url("last", string.Empty) + "&tag=Acme/Unknown/Tag");

        values!.Select(v => (v.GetProperty("tag").GetString(), v.GetProperty("timestamp").GetDateTimeOffset(), v.GetProperty("value").ToString(), v.GetProperty("unit").GetString()))
            .Should().BeEquivalentTo(new[] { (_temperature, _t.AddSeconds(119), "119", "degC"), (_pressure, _t.AddSeconds(1), "=cmd()", "bar") });
    }

    [Fact]
    public async Task History_Anonymous_Unauthorized()
    {
        using var client = fixture.Host.CreateClient(user: null);

        using var response = await client.GetAsync(Url("raw", $"&from={Iso(_t)}&to={Iso(_t.AddSeconds(3))}"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/v1/history/raw?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "tag")]
    [InlineData("/api/v1/history/raw?tag=A/B&to=2026-01-02T00:00:00Z", "from")]
    [InlineData("/api/v1/history/raw?tag=A/B&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    [InlineData("/api/v1/history/raw?tag=A/%23&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "tag")]
    [InlineData("/api/v1/history/raw?tag=A/B&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&limit=0", "limit")]
    [InlineData("/api/v1/history/aggregates?tag=A/B&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&bucket=1w", "bucket")]
    [InlineData("/api/v1/history/aggregates?tag=A/B&from=2026-01-01T00:00:00Z&to=2027-01-02T00:00:00Z&bucket=1ms", "bucket")]
    [InlineData("/api/v1/history/export?tag=A/B&from=2026-01-01T00:00:00Z", "to")]
    [InlineData("/api/v1/history/last", "tag")]
    public async Task History_InvalidParameters_ValidationProblem(string url, string parameter)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(parameter, out _).Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private static string Iso(DateTimeOffset value) => Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));

    private string Url(string endpoint, string query)
        => $"/api/v1/history/{endpoint}?tag={Uri.EscapeDataString(_temperature)}&tag={Uri.EscapeDataString(_pressure)}{query}";
}

public sealed class HistoryApiSqliteTests(SqliteTelemetryFixture fixture) : HistoryApiTests(fixture), IClassFixture<SqliteTelemetryFixture>;

[Collection(PostgresCollection.Name)]
public sealed class HistoryApiPostgreSqlTests(PostgreSqlTelemetryFixture fixture) : HistoryApiTests(fixture), IClassFixture<PostgreSqlTelemetryFixture>;
