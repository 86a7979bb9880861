using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;
using Proxus.Server.Data.Migrations;
using Proxus.Server.Fleet;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Data;

/// <summary>The EF model and the reviewed SQL migrations describe the same schema, on each provider.</summary>
public abstract class SchemaTests(TrustFixture fixture)
{
    [Fact]
    public async Task Migrate_FreshDatabase_EveryModelColumnExistsWithSameNullability()
    {
        await using var db = fixture.Host.CreateDbContext();
        var checkedColumns = 0;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = await SchemaCatalog.ColumnsAsync(db, table);
            columns.Should().NotBeEmpty($"the migrations must create table {table}");
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                columns.Should().ContainKey(column, $"{entity.ClrType.Name}.{property.Name} maps to {table}.{column}");
                columns[column].Should().Be(property.IsColumnNullable(store), $"{table}.{column} nullability must match the model");
                checkedColumns++;
            }

            columns.Keys.Should().BeEquivalentTo(entity.GetProperties().Select(p => p.GetColumnName(store)), $"table {table} has no column the model does not know");
        }

        checkedColumns.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task SaveChanges_OneOfEveryEntity_RoundTripsThroughSchema()
    {
        var entities = SampleData.OneOfEach();
        await using (var db = fixture.Host.CreateDbContext())
        {
            entities.Select(e => e.GetType()).Should().BeEquivalentTo(db.Model.GetEntityTypes().Select(t => t.ClrType), "the sample covers every entity of the model");
            await SampleData.AddAsync(db, entities);
        }

        await using var reader = fixture.Host.CreateDbContext();
        foreach (var entity in entities)
        {
            var type = reader.Model.FindEntityType(entity.GetType())!;
            var key = type.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(entity)).ToArray();
            var loaded = await reader.FindAsync(entity.GetType(), key);
            loaded.Should().NotBeNull();
            foreach (var property in type.GetProperties())
            {
                property.PropertyInfo!.GetValue(loaded).Should().BeEquivalentTo(property.PropertyInfo.GetValue(entity), $"{type.ClrType.Name}.{property.Name} round-trips");
            }
        }
    }

    [Fact]
    public async Task Query_TimestampRange_IsTranslatedAndOrdered()
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Range " + Guid.NewGuid().ToString("N"), CreatedAt = Timestamps.Now(TimeProvider.System) };
        await using (var db = fixture.Host.CreateDbContext())
        {
            await SampleData.AddAsync(db, [site]);
        }

        await using var reader = fixture.Host.CreateDbContext();
        var found = await reader.Sites.Where(s => s.CreatedAt >= site.CreatedAt && s.CreatedAt <= site.CreatedAt).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync();
        found.Should().Contain(site.Id);
    }

    [Fact]
    public async Task Migrate_UpgradeFromFirstVersion_KeepsData()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await TrustHost.StartAsync(database, start: false);
        var migrator = host.Get<DatabaseMigrator>();
        Directory.CreateDirectory(database.DataDirectory);
        (await migrator.MigrateToAsync(1, CancellationToken.None)).Should().Be(1);
        var site = new Site { Id = Guid.NewGuid(), Name = "Before upgrade", CreatedAt = Timestamps.Now(TimeProvider.System) };
        var agent = new Agent { Id = Guid.NewGuid(), SiteId = site.Id, Name = "agent-before", CreatedAt = site.CreatedAt };
        await using (var db = host.CreateDbContext())
        {
            // Written as version 1 knew the table, whatever the model holds today.
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                var createdAt = (long)new UtcMicrosecondsConverter().ConvertToProvider(site.CreatedAt)!;
                await db.Database.ExecuteSqlAsync($"INSERT INTO sites (id, name, created_at) VALUES ({site.Id.ToString("D").ToUpperInvariant()}, {site.Name}, {createdAt})");
                await db.Database.ExecuteSqlAsync($"INSERT INTO agents (id, site_id, name, created_at) VALUES ({agent.Id.ToString("D").ToUpperInvariant()}, {site.Id.ToString("D").ToUpperInvariant()}, {agent.Name}, {createdAt})");
            }
            else
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO sites (id, name, created_at) VALUES ({site.Id}, {site.Name}, {site.CreatedAt})");
                await db.Database.ExecuteSqlAsync($"INSERT INTO agents (id, site_id, name, created_at) VALUES ({agent.Id}, {site.Id}, {agent.Name}, {agent.CreatedAt})");
            }
        }

        var version = await migrator.MigrateAsync(CancellationToken.None);

        version.Should().Be(MigrationCatalog.For(database.Provider)[^1].Version);
        await using var reader = host.CreateDbContext();
        var loaded = await reader.Agents.Include(a => a.Site).SingleAsync(a => a.Id == agent.Id);
        loaded.Name.Should().Be("agent-before");
        loaded.Site!.Name.Should().Be("Before upgrade");
        (await reader.SiteNamespaces.AnyAsync(n => n.SiteId == site.Id)).Should().BeFalse("a site from before 0007 has no UNS namespace until one is set");
        loaded.CreatedAt.Should().Be(site.CreatedAt);
    }

    [Fact]
    public async Task Migrate_From0008WithSitePrefixes_PrefixesBecomeNamespacesAndColumnDropped()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using var host = await TrustHost.StartAsync(database, start: false);
        var migrator = host.Get<DatabaseMigrator>();
        Directory.CreateDirectory(database.DataDirectory);
        (await migrator.MigrateToAsync(8, CancellationToken.None)).Should().Be(8);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var (onlyPrefix, both, clash, neither) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = host.CreateDbContext())
        {
            await InsertSite0008Async(db, onlyPrefix, $"Acme/Only{unique}");
            await InsertSite0008Async(db, both, $"Acme/Prefix{unique}");
            await InsertNamespace0007Async(db, both, "Acme", $"Namespace{unique}");
            await InsertSite0008Async(db, clash, $"Acme/Namespace{unique}");
            await InsertSite0008Async(db, neither, null);
        }

        (await migrator.MigrateAsync(CancellationToken.None)).Should().Be(MigrationCatalog.For(database.Provider)[^1].Version);

        await using var reader = host.CreateDbContext();
        var namespaces = await reader.SiteNamespaces.AsNoTracking().ToDictionaryAsync(n => n.SiteId, n => n.ToModel().Prefix);
        namespaces.Should().BeEquivalentTo(new Dictionary<Guid, string>
        {
            [onlyPrefix] = $"Acme/Only{unique}",
            [both] = $"Acme/Namespace{unique}",
        }, "the namespace wins over a different prefix, and a prefix that is another site's namespace is dropped");
        (await SchemaCatalog.ColumnsAsync(reader, "sites")).Keys.Should().NotContain("uns_prefix");
    }

    /// <summary>A site as schema version 8 stored it, with its UNS prefix column.</summary>
    private static Task InsertSite0008Async(ProxusDbContext db, Guid id, string? prefix)
    {
        var createdAt = Timestamps.Now(TimeProvider.System);
        var name = "Site 0008 " + id.ToString("N");
        return db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlAsync($"INSERT INTO sites (id, name, created_at, uns_prefix) VALUES ({id}, {name}, {createdAt}, {prefix})")
            : db.Database.ExecuteSqlAsync($"INSERT INTO sites (id, name, created_at, uns_prefix) VALUES ({id.ToString("D").ToUpperInvariant()}, {name}, {Microseconds(createdAt)}, {prefix})");
    }

    private static Task InsertNamespace0007Async(ProxusDbContext db, Guid siteId, string enterprise, string name)
    {
        var createdAt = Timestamps.Now(TimeProvider.System);
        return db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlAsync($"INSERT INTO site_namespaces (site_id, enterprise, name, created_at) VALUES ({siteId}, {enterprise}, {name}, {createdAt})")
            : db.Database.ExecuteSqlAsync($"INSERT INTO site_namespaces (site_id, enterprise, name, created_at) VALUES ({siteId.ToString("D").ToUpperInvariant()}, {enterprise}, {name}, {Microseconds(createdAt)})");
    }

    private static long Microseconds(DateTimeOffset value) => (long)new UtcMicrosecondsConverter().ConvertToProvider(value)!;

    [Fact]
    public async Task Migrate_ConcurrentServers_ApplyEachMigrationOnce()
    {
        var database = await fixture.CreateDatabaseAsync();
        Directory.CreateDirectory(database.DataDirectory);
        await using var first = await TrustHost.StartAsync(database, start: false);
        await using var second = await TrustHost.StartAsync(database, start: false);

        var versions = await Task.WhenAll(
            first.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None),
            second.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None));

        var catalog = MigrationCatalog.For(database.Provider);
        versions.Should().AllBeEquivalentTo(catalog[^1].Version);
        await using var db = first.CreateDbContext();
        var rows = await db.Database.SqlQueryRaw<int>($"SELECT version AS \"Value\" FROM {DatabaseMigrator.HistoryTable}").ToListAsync();
        rows.Should().BeEquivalentTo(catalog.Select(m => m.Version));
    }

    [Fact]
    public async Task Migrate_AppliedScriptChanged_RefusesToStart()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using (var host = await TrustHost.StartAsync(database))
        {
            await using var db = host.CreateDbContext();
            await SchemaCatalog.ExecuteAsync(db, $"UPDATE {DatabaseMigrator.HistoryTable} SET checksum = 'edited' WHERE version = 1");
        }

        var start = () => TrustHost.StartAsync(database);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*Migration 1 (fleet) was applied from a different script*");
    }

    [Fact]
    public async Task Migrate_PendingMigrationBelowAppliedVersion_RefusesToStart()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using (var host = await TrustHost.StartAsync(database))
        {
            await using var db = host.CreateDbContext();
            await SchemaCatalog.ExecuteAsync(db, $"DELETE FROM {DatabaseMigrator.HistoryTable} WHERE version = 2");
        }

        var start = () => TrustHost.StartAsync(database);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*Migration 2 (pki) is pending but the database is already at schema version*");
    }

    [Fact]
    public async Task Migrate_DatabaseNewerThanServer_RefusesToStart()
    {
        var database = await fixture.CreateDatabaseAsync();
        await using (var host = await TrustHost.StartAsync(database))
        {
            await using var db = host.CreateDbContext();
            await SchemaCatalog.ExecuteAsync(db, $"INSERT INTO {DatabaseMigrator.HistoryTable} (version, name, checksum, applied_at) VALUES (999, 'future', 'x', 'now')");
        }

        var start = () => TrustHost.StartAsync(database);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*newer than this server knows*");
    }
}

public sealed class SchemaSqliteTests(SqliteTrustFixture fixture) : SchemaTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class SchemaPostgreSqlTests(PostgreSqlTrustFixture fixture) : SchemaTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
