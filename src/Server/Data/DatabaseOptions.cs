namespace Proxus.Server.Data;

/// <summary>
/// Where the server keeps its state. Bound from <c>Database:Provider</c>,
/// <c>ConnectionStrings:Proxus</c> and <c>Server:DataDirectory</c>.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>The file name of the embedded SQLite database inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "proxus.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The ADO.NET connection string; optional for SQLite (defaults to a file in the data directory).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The server's own directory: the SQLite file, the key-encryption key, the signed audit head.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The connection string in effect: the configured one, or the embedded SQLite file.</summary>
    public string EffectiveConnectionString => Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(ConnectionString)
        ? $"Data Source={Path.Combine(DataDirectory, SqliteFileName)};Pooling=True"
        : ConnectionString ?? string.Empty;
}
