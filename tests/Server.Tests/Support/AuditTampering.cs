using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Tests.Support;

/// <summary>
/// Plays an attacker with database administrator rights: lifts the append-only triggers of
/// <c>audit_entries</c> until disposed.
/// </summary>
public sealed class AuditTampering : IAsyncDisposable
{
    private readonly ProxusDbContext _db;
    private readonly List<string> _sqliteTriggers;

    private AuditTampering(ProxusDbContext db, List<string> sqliteTriggers)
    {
        _db = db;
        _sqliteTriggers = sqliteTriggers;
    }

    public static async Task<AuditTampering> BeginAsync(ProxusDbContext db)
    {
        var triggers = new List<string>();
        if (db.Database.IsNpgsql())
        {
            await SchemaCatalog.ExecuteAsync(db, "ALTER TABLE audit_entries DISABLE TRIGGER USER");
        }
        else
        {
            triggers = await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'").ToListAsync();
            var names = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entries'").ToListAsync();
            foreach (var name in names)
            {
                await SchemaCatalog.ExecuteAsync(db, $"DROP TRIGGER {name}");
            }
        }

        return new AuditTampering(db, triggers);
    }

    public Task<int> ExecuteAsync(string sql, params object[] parameters) => SchemaCatalog.ExecuteAsync(_db, sql, parameters);

    public async ValueTask DisposeAsync()
    {
        if (_db.Database.IsNpgsql())
        {
            await SchemaCatalog.ExecuteAsync(_db, "ALTER TABLE audit_entries ENABLE TRIGGER USER");
        }
        else
        {
            foreach (var trigger in _sqliteTriggers)
            {
                await SchemaCatalog.ExecuteAsync(_db, trigger);
            }
        }
    }
}
