using Microsoft.Extensions.Options;
using Proxus.Server.Data;
using Proxus.Server.Data.Migrations;
using Proxus.Server.Pki;

namespace Proxus.Server.Hosting;

/// <summary>
/// Runs before the server accepts connections: creates the data directory (owner-only), migrates
/// the database, loads (on first start: creates) the certificate authority. A failure stops the
/// host: a server with an unknown schema or without its keys must not serve.
/// </summary>
internal sealed partial class ServerInitializer(
    IOptions<DatabaseOptions> databaseOptions,
    DatabaseMigrator migrator,
    CertificateAuthority authority,
    ILogger<ServerInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = databaseOptions.Value.DataDirectory;
        CreatePrivateDirectory(directory);
        var version = await migrator.MigrateAsync(cancellationToken);
        await authority.InitializeAsync(cancellationToken);
        LogReady(logger, databaseOptions.Value.Provider, version, directory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates a directory readable only by the server's user.</summary>
    internal static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Database {Provider} at schema version {Version}; data directory {DataDirectory}")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider, int version, string dataDirectory);
}
