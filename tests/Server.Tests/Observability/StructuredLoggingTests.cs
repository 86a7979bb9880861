using System.Text.Json;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Observability;

/// <summary>
/// The server process as an operator runs it, with the logging switches of docs/observability.md:
/// JSON lines on the console, and a level per category.
/// </summary>
public sealed class StructuredLoggingTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-logs-").FullName;

    private static string ServerDll => Path.Combine(RepositoryPaths.Root, "src", "Server", "bin", "Release", "net10.0", "Proxus.Server.dll");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Console_JsonFormatter_OneJsonObjectPerLineWithEventIdsAndStructuredState()
    {
        var lines = await RunServerAsync("--Logging:Console:FormatterName=json");

        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Should().NotBeEmpty();
        foreach (var entry in entries)
        {
            entry.EnumerateObject().Select(p => p.Name).Should().Contain(["EventId", "LogLevel", "Category", "Message"]);
        }

        var migration = entries.First(e => e.GetProperty("EventId").GetInt32() == 1001);
        migration.GetProperty("Category").GetString().Should().Be("Proxus.Server.Data.Migrations.DatabaseMigrator");
        migration.GetProperty("State").GetProperty("Provider").GetString().Should().Be("Sqlite");
    }

    [Fact]
    public async Task Console_LevelPerCategory_CategoryBelowItsLevelSilencedOthersKept()
    {
        var lines = await RunServerAsync("--Logging:Console:FormatterName=json", "--Logging:LogLevel:Proxus.Server.Data.Migrations=Warning");

        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Should().NotContain(e => e.GetProperty("Category").GetString()!.StartsWith("Proxus.Server.Data.Migrations", StringComparison.Ordinal));
        entries.Should().Contain(e => e.GetProperty("Category").GetString() == "Microsoft.Hosting.Lifetime");
    }

    /// <summary>Starts the server on a fresh data directory, waits until it listens, stops it, and returns its standard output lines.</summary>
    private async Task<List<string>> RunServerAsync(params string[] logging)
    {
        File.Exists(ServerDll).Should().BeTrue("building this test project builds the server");
        string[] arguments =
        [
            ServerDll, "--urls", "http://127.0.0.1:0", $"--Server:DataDirectory={Path.Combine(_directory, Guid.NewGuid().ToString("N"))}",
            "--Mqtt:Port=0", "--Mqtt:TlsPort=0", "--MqttConsumer:Enabled=false", .. logging,
        ];
        await using var server = ExternalProcess.Start("dotnet", arguments, workingDirectory: Path.GetDirectoryName(ServerDll));
        await server.WaitForOutputAsync("Now listening on", StartTimeout);
        return [.. server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
