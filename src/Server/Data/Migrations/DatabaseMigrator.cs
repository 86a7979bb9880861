using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Proxus.Server.Data.Migrations;

/// <summary>
/// Applies the embedded SQL migrations at start-up. Several server nodes may start at once: on
/// PostgreSQL a session advisory lock serializes them, on SQLite each migration runs in an
/// IMMEDIATE transaction (the database write lock) and re-checks the history inside it. Each
/// migration and its history row commit in one transaction; applied scripts are checksummed so an
/// edited migration, or a database newer than this build, stops the server.
/// </summary>
public sealed partial class DatabaseMigrator(
    IDbContextFactory<ProxusDbContext> contexts,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger)
{
    /// <summary>The migration history table.</summary>
    public const string HistoryTable = "proxus_schema_history";

    private const long AdvisoryLockKey = 0x5052_5855_0001; // "PRXU" + 1

    /// <summary>Applies every pending migration; returns the schema version now in force.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken) => MigrateToAsync(int.MaxValue, cancellationToken);

    /// <summary>Applies pending migrations up to and including <paramref name="targetVersion"/>.</summary>
    public async Task<int> MigrateToAsync(int targetVersion, CancellationToken cancellationToken)
    {
        var provider = options.Value.Provider;
        var migrations = MigrationCatalog.For(provider);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        if (provider == DatabaseProvider.PostgreSql)
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@p0)", cancellationToken, AdvisoryLockKey);
        }
        else
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
        }

        try
        {
            await ExecuteAsync(connection, null, HistoryTableSql(provider), cancellationToken);
            var applied = await ReadHistoryAsync(connection, null, cancellationToken);
            CheckHistory(migrations, applied);
            var current = applied.Count == 0 ? 0 : applied.Keys.Max();
            foreach (var migration in migrations)
            {
                if (migration.Version > targetVersion || applied.ContainsKey(migration.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (provider == DatabaseProvider.Sqlite && (await ReadHistoryAsync(connection, transaction, cancellationToken)).ContainsKey(migration.Version))
                {
                    // Another process applied it while we waited for the write lock.
                    continue;
                }

                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO {HistoryTable} (version, name, checksum, applied_at) VALUES (@p0, @p1, @p2, @p3)",
                    cancellationToken,
                    migration.Version,
                    migration.Name,
                    migration.Checksum,
                    DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                await transaction.CommitAsync(cancellationToken);
                current = migration.Version;
                LogApplied(logger, migration.Version, migration.Name, provider);
            }

            return current;
        }
        finally
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@p0)", CancellationToken.None, AdvisoryLockKey);
            }
        }
    }

    private static string HistoryTableSql(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql
        ? $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at text NOT NULL)"
        : $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

    private static void CheckHistory(IReadOnlyList<Migration> migrations, Dictionary<int, string> applied)
    {
        if (applied.Count == 0)
        {
            return;
        }

        var known = migrations.ToDictionary(m => m.Version);
        var newest = applied.Keys.Max();
        foreach (var (version, checksum) in applied)
        {
            if (!known.TryGetValue(version, out var migration))
            {
                throw new InvalidOperationException(migrations.Count == 0 || version > migrations[^1].Version
                    ? $"The database is at schema version {newest}, newer than this server knows ({(migrations.Count == 0 ? 0 : migrations[^1].Version)}). Upgrade the server; it never downgrades a schema."
                    : $"The database has migration {version} applied, which this server does not know. It was built from another branch of the schema.");
            }

            if (!migration.Checksum.Equals(checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Migration {version} ({migration.Name}) was applied from a different script (checksum {checksum}, expected {migration.Checksum}). Applied migrations must never change.");
            }
        }

        var skipped = migrations.FirstOrDefault(m => m.Version < newest && !applied.ContainsKey(m.Version));
        if (skipped is not null)
        {
            throw new InvalidOperationException($"Migration {skipped.Version} ({skipped.Name}) is pending but the database is already at schema version {newest}. Migrations are applied in ascending order only.");
        }
    }

    private static async Task<Dictionary<int, string>> ReadHistoryAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT version, checksum FROM {HistoryTable}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name}) on {Provider}")]
    private static partial void LogApplied(ILogger logger, int version, string name, DatabaseProvider provider);
}
