using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Fleet;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Audit;

public abstract class AuditLogTests(TrustFixture fixture)
{
    private AuditLog Log => fixture.Host.Get<AuditLog>();

    private AuditVerifier Verifier => fixture.Host.Get<AuditVerifier>();

    [Fact]
    public async Task Append_SeveralEvents_ChainedContiguouslyAndIntact()
    {
        var actor = "user:" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
        {
            await Log.AppendAsync(new AuditEvent("test.event", actor, "subject-" + i, new Dictionary<string, string?> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }), CancellationToken.None);
        }

        var entries = await fixture.Host.Get<AuditReader>().QueryAsync(new AuditQuery { Actor = actor }, CancellationToken.None);

        entries.Should().HaveCount(3);
        entries[1].Sequence.Should().Be(entries[0].Sequence + 1);
        entries[1].PreviousHash.Should().Equal(entries[0].Hash);
        entries[2].PreviousHash.Should().Equal(entries[1].Hash);
        entries[0].Data.Should().Be("{\"n\":\"0\"}");
        var result = await Verifier.VerifyAsync(CancellationToken.None);
        result.IsIntact.Should().BeTrue(result.Problem);
        result.EntriesChecked.Should().BeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("data")]
    [InlineData("actor")]
    public async Task Verify_OneCharacterOfOneRowChanged_NamesThatRow(string column)
    {
        var target = await AppendAndGetAsync("tamper-me");
        await AppendAndGetAsync("after");
        var original = column switch { "subject" => target.Subject, "data" => target.Data, _ => target.Actor };
        var altered = (original[0] == 'X' ? 'Y' : 'X') + original[1..];
        await using var db = fixture.Host.CreateDbContext();
        await using (var tampering = await AuditTampering.BeginAsync(db))
        {
            await tampering.ExecuteAsync($"UPDATE audit_entries SET {column} = @p0 WHERE sequence = @p1", altered, target.Sequence);
            try
            {
                var result = await Verifier.VerifyAsync(CancellationToken.None);

                result.IsIntact.Should().BeFalse();
                result.FirstBrokenSequence.Should().Be(target.Sequence);
                result.Problem.Should().Contain($"Entry {target.Sequence} was altered");
            }
            finally
            {
                await tampering.ExecuteAsync($"UPDATE audit_entries SET {column} = @p0 WHERE sequence = @p1", original, target.Sequence);
            }
        }

        (await Verifier.VerifyAsync(CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Verify_OneByteOfStoredHashChanged_NamesThatRow()
    {
        var target = await AppendAndGetAsync("hash-tamper");
        await AppendAndGetAsync("after");
        var altered = target.Hash.ToArray();
        altered[5] ^= 0x01;
        await using var db = fixture.Host.CreateDbContext();
        await using (var tampering = await AuditTampering.BeginAsync(db))
        {
            await tampering.ExecuteAsync("UPDATE audit_entries SET hash = @p0 WHERE sequence = @p1", altered, target.Sequence);
            try
            {
                (await Verifier.VerifyAsync(CancellationToken.None)).FirstBrokenSequence.Should().Be(target.Sequence);
            }
            finally
            {
                await tampering.ExecuteAsync("UPDATE audit_entries SET hash = @p0 WHERE sequence = @p1", target.Hash, target.Sequence);
            }
        }
    }

    [Fact]
    public async Task Verify_NewestEntryDeleted_DetectedAgainstSignedHead()
    {
        await AppendAndGetAsync("older");
        var newest = await AppendAndGetAsync("newest");
        var head = await fixture.Host.Get<AuditHeadStore>().ReadAsync(CancellationToken.None);
        head!.Sequence.Should().Be(newest.Sequence);
        await using var db = fixture.Host.CreateDbContext();
        await using (var tampering = await AuditTampering.BeginAsync(db))
        {
            await tampering.ExecuteAsync("DELETE FROM audit_entries WHERE sequence = @p0", newest.Sequence);
            try
            {
                (await Verifier.VerifyAsync(null, CancellationToken.None)).IsIntact.Should().BeTrue("without the head, a shortened chain is still a valid chain");

                var result = await Verifier.VerifyAsync(CancellationToken.None);

                result.IsIntact.Should().BeFalse();
                result.FirstBrokenSequence.Should().Be(newest.Sequence);
                result.Problem.Should().Contain("missing");
            }
            finally
            {
                db.AuditEntries.Add(newest);
                await db.SaveChangesAsync();
            }
        }

        (await Verifier.VerifyAsync(CancellationToken.None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Verify_ForgedHead_Rejected()
    {
        var newest = await AppendAndGetAsync("forged-head");
        var head = fixture.Host.Get<AuditHeadStore>().Sign(newest);
        var forged = head with { Sequence = head.Sequence + 10 };

        var result = await Verifier.VerifyAsync(forged, CancellationToken.None);

        result.IsIntact.Should().BeFalse();
        result.Problem.Should().Contain("signature");
    }

    [Fact]
    public async Task UpdateOrDelete_AuditRow_RefusedByDatabase()
    {
        var entry = await AppendAndGetAsync("append-only");
        await using var db = fixture.Host.CreateDbContext();

        var update = () => SchemaCatalog.ExecuteAsync(db, "UPDATE audit_entries SET actor = 'x' WHERE sequence = @p0", entry.Sequence);
        var delete = () => SchemaCatalog.ExecuteAsync(db, "DELETE FROM audit_entries WHERE sequence = @p0", entry.Sequence);

        (await update.Should().ThrowAsync<DbException>()).Which.Message.Should().Contain("append-only");
        (await delete.Should().ThrowAsync<DbException>()).Which.Message.Should().Contain("append-only");
    }

    [Fact]
    public async Task RunAudited_AuditStoreUnavailable_RefusesAndRollsBackTheAction()
    {
        var site = new Site { Id = Guid.NewGuid(), Name = "Unaudited " + Guid.NewGuid().ToString("N"), CreatedAt = Timestamps.Now(TimeProvider.System) };
        await using var db = fixture.Host.CreateDbContext();
        await SchemaCatalog.ExecuteAsync(db, "ALTER TABLE audit_entries RENAME TO audit_entries_unavailable");
        try
        {
            var act = () => Log.RunAuditedAsync(
                async (context, token) =>
                {
                    context.Sites.Add(site);
                    await context.SaveChangesAsync(token);
                    return new AuditedResult<bool>(true, new AuditEvent(AuditEventTypes.SiteCreated, "test", "site"));
                },
                CancellationToken.None);

            await act.Should().ThrowAsync<AuditUnavailableException>();
        }
        finally
        {
            await SchemaCatalog.ExecuteAsync(db, "ALTER TABLE audit_entries_unavailable RENAME TO audit_entries");
        }

        (await db.Sites.AnyAsync(s => s.Id == site.Id)).Should().BeFalse("the action is rolled back with its audit entry");
    }

    [Fact]
    public async Task Append_ControlCharactersInValues_StoredEscaped()
    {
        var actor = "evil\nuser:" + Guid.NewGuid().ToString("N");
        await Log.AppendAsync(new AuditEvent("test.escape", actor, "a\u202Eb\u0007", new Dictionary<string, string?> { ["cn"] = "x\r\ny" }), CancellationToken.None);

        var entry = (await fixture.Host.Get<AuditReader>().QueryAsync(new AuditQuery { Actor = AuditValue.Escape(actor, 256) }, CancellationToken.None)).Single();

        entry.Actor.Should().StartWith("evil\\u000Auser:");
        entry.Subject.Should().Be("a\\u202Eb\\u0007");
        entry.Data.Should().Be("{\"cn\":\"x\\\\u000D\\\\u000Ay\"}");
        (entry.Actor + entry.Subject + entry.Data).Should().NotContainAny("\n", "\r", "\u202E", "\u0007");
    }

    [Fact]
    public async Task Query_ByTypeAndTimeRange_ReturnsOnlyMatches()
    {
        var type = "test.query." + Guid.NewGuid().ToString("N")[..8];
        var before = Timestamps.Now(TimeProvider.System).AddSeconds(-1);
        await Log.AppendAsync(new AuditEvent(type, "alice", "one"), CancellationToken.None);
        await Log.AppendAsync(new AuditEvent(type, "bob", "two"), CancellationToken.None);
        await Log.AppendAsync(new AuditEvent("test.other", "alice", "three"), CancellationToken.None);
        var reader = fixture.Host.Get<AuditReader>();

        (await reader.QueryAsync(new AuditQuery { Type = type }, CancellationToken.None)).Select(e => e.Subject).Should().Equal("one", "two");
        (await reader.QueryAsync(new AuditQuery { Type = type, Actor = "bob" }, CancellationToken.None)).Select(e => e.Subject).Should().Equal("two");
        (await reader.QueryAsync(new AuditQuery { Type = type, From = before, To = before.AddMinutes(10) }, CancellationToken.None)).Should().HaveCount(2);
        (await reader.QueryAsync(new AuditQuery { Type = type, To = before }, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Export_CsvAndJsonLines_OneRecordPerEntryWithSafeFields()
    {
        var type = "test.export." + Guid.NewGuid().ToString("N")[..8];
        await Log.AppendAsync(new AuditEvent(type, "=cmd|' /C calc'!A0", "comma, \"quoted\"\nline"), CancellationToken.None);
        await Log.AppendAsync(new AuditEvent(type, "bob", "plain"), CancellationToken.None);
        var reader = fixture.Host.Get<AuditReader>();
        using var csv = new MemoryStream();
        using var jsonLines = new MemoryStream();

        await reader.ExportCsvAsync(new AuditQuery { Type = type }, csv, CancellationToken.None);
        await reader.ExportJsonLinesAsync(new AuditQuery { Type = type }, jsonLines, CancellationToken.None);

        var csvLines = Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csvLines.Should().HaveCount(3);
        csvLines[0].Should().Be("sequence,timestamp,actor,type,subject,data,previous_hash,hash");
        csvLines[1].Should().Contain(",'=cmd|' /C calc'!A0,").And.Contain("\"comma, \"\"quoted\"\"\\u000Aline\"");
        var json = Encoding.UTF8.GetString(jsonLines.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        json.Should().HaveCount(2);
        using var first = System.Text.Json.JsonDocument.Parse(json[0]);
        first.RootElement.GetProperty("actor").GetString().Should().Be("=cmd|' /C calc'!A0");
        first.RootElement.GetProperty("type").GetString().Should().Be(type);
        first.RootElement.GetProperty("hash").GetString().Should().HaveLength(64);
    }

    private async Task<AuditEntry> AppendAndGetAsync(string subject)
    {
        var actor = "tester:" + Guid.NewGuid().ToString("N");
        await Log.AppendAsync(new AuditEvent("test.entry", actor, subject, new Dictionary<string, string?> { ["k"] = "v" }), CancellationToken.None);
        return (await fixture.Host.Get<AuditReader>().QueryAsync(new AuditQuery { Actor = actor }, CancellationToken.None)).Single();
    }
}

public sealed class AuditLogSqliteTests(SqliteTrustFixture fixture) : AuditLogTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class AuditLogPostgreSqlTests(PostgreSqlTrustFixture fixture) : AuditLogTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
