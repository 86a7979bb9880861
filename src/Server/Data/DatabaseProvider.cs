namespace Proxus.Server.Data;

/// <summary>The relational database behind the server (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file in the data directory: a single small plant, the demo.</summary>
    Sqlite,

    /// <summary>PostgreSQL: production, several server nodes.</summary>
    PostgreSql,
}
