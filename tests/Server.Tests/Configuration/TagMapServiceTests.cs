using System.Text;
using Microsoft.EntityFrameworkCore;
using Proxus.Core.Configuration;
using Proxus.Core.TagMaps;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Configuration;

/// <summary>Tag-map versions, their diffs and rollbacks, and the signed configurations they issue, on each database.</summary>
public abstract class TagMapServiceTests(TrustFixture fixture)
{
    [Fact]
    public async Task Import_ValidYaml_StoresVersionOneAndSignsOneVerifiedConfigPerAgent()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);

        var result = await scenario.ImportYamlAsync(scenario.Yaml(), "first upload");

        result.Status.Should().Be(TagMapChangeStatus.Created, string.Join("; ", result.Errors));
        result.Version!.Version.Should().Be(1);
        result.Version.Author.Should().Be(ConfigScenario.Actor);
        result.Version.Comment.Should().Be("first upload");
        result.Version.ConnectionCount.Should().Be(2);
        result.Version.TagCount.Should().Be(2);
        result.Version.ContentSha256.Should().MatchRegex("^[0-9a-f]{64}$");
        result.Issued.Select(i => (i.AgentId, i.Version, i.Cause)).Should().BeEquivalentTo(
            [(scenario.First.Id, 1L, AgentConfigIssueCause.First), (scenario.Second.Id, 1L, AgentConfigIssueCause.First)]);
        var envelope = (await scenario.EnvelopesAsync(scenario.First.Id)).Single();
        var verified = scenario.Verify(envelope.Envelope, scenario.First.Id);
        verified.Succeeded.Should().BeTrue(verified.Message);
        verified.Envelope!.Header.Version.Should().Be(1);
        verified.Envelope.Header.ExpiresAt.Should().Be(verified.Envelope.Header.IssuedAt + TimeSpan.FromDays(30));
        verified.Envelope.Configuration.Connections.Select(c => c.Id).Should().Equal("press-plc");
        verified.Envelope.Configuration.Tags.Select(t => t.Path.Value).Should().Equal(scenario.Path("Press", "Line1", "Press_Machine", "Temperature"));
        (await scenario.AuditTypesAsync($"site:{scenario.Site.Id:D}")).Should().Contain(AuditEventTypes.TagMapImported);
        (await scenario.AuditTypesAsync($"agent:{scenario.First.Id:D}")).Should().Contain(AuditEventTypes.AgentConfigIssued);
        fixture.Host.ConfigNotifier.Issued.Should().Contain(i => i.AgentId == scenario.First.Id && i.Version == 1);
    }

    [Fact]
    public async Task Import_MalformedYaml_SavesNothingReturnsRowErrorsAndIsAudited()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        var broken = scenario.Yaml(pressTemperatureAddress: "HR70000").Replace("data_type: Float32", "data_type: Float33", StringComparison.Ordinal);

        var result = await scenario.ImportYamlAsync(broken);

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        result.Version.Should().BeNull();
        result.Errors.Should().Contain(e => e.Field == "data_type" && e.Row > 0 && e.Message.Contains("Float33", StringComparison.Ordinal));
        result.Errors.Should().Contain(e => e.Field == "address" && e.Row > 0);
        (await scenario.VersionCountAsync()).Should().Be(0);
        (await scenario.EnvelopesAsync(scenario.First.Id)).Should().BeEmpty();
        (await scenario.AuditTypesAsync($"site:{scenario.Site.Id:D}")).Should().Contain(AuditEventTypes.TagMapImportRejected);
    }

    [Fact]
    public async Task Import_MalformedAfterValidVersion_KeepsCurrentVersionAndEnvelopes()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());

        var result = await scenario.ImportYamlAsync(scenario.Yaml() + "  - path: not/a/valid/path\n    connection: press-plc\n    address: HR1\n    data_type: Int16\n    poll_interval_ms: 500\n");

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        result.Errors.Should().Contain(e => e.Field == "path");
        (await scenario.VersionCountAsync()).Should().Be(1);
        (await scenario.EnvelopesAsync(scenario.First.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Import_ConnectionOfUnknownAgent_RejectedAndNothingSaved()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);

        var result = await scenario.ImportYamlAsync(scenario.Yaml(firstAgent: "edge-99"));

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        result.Errors.Should().ContainSingle().Which.Message.Should().Be("connection 'press-plc': 'edge-99' is not an agent of this site");
        (await scenario.VersionCountAsync()).Should().Be(0);
        (await scenario.EnvelopesAsync(scenario.Second.Id)).Should().BeEmpty("all or nothing: no agent gets a configuration");
    }

    [Fact]
    public async Task Import_YamlForAnotherSite_Rejected()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);

        var result = await scenario.ImportYamlAsync(scenario.Yaml().Replace($"name: {scenario.Name}", "name: Elsewhere", StringComparison.Ordinal));

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        (await scenario.VersionCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Import_UploadLargerThanLimit_StopsReadingAndRejects()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await using var endless = new EndlessStream();

        var result = await scenario.TagMaps.ImportAsync(scenario.Site.Id, TagMapFormat.Yaml, endless, null, ConfigScenario.Actor, CancellationToken.None);

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        result.Errors.Should().ContainSingle().Which.Row.Should().Be(0);
        endless.BytesRead.Should().Be(TagMapLimits.Default.MaxBytes + 1L);
        (await scenario.VersionCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Import_CsvBeforeAnyYaml_Rejected()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);

        var result = await scenario.ImportAsync(TagMapFormat.Csv, "path,connection,address,data_type,poll_interval_ms\n");

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        result.Errors.Single().Message.Should().Contain("upload its connections and tags as YAML first");
    }

    [Fact]
    public async Task Import_Csv_ReplacesTagsAndKeepsConnections()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        var csv = "path,connection,address,data_type,poll_interval_ms\r\n"
            + $"{scenario.Path("Press", "Line1", "Press_Machine", "Speed")},press-plc,HR200,UInt16,250\r\n";

        var result = await scenario.ImportAsync(TagMapFormat.Csv, csv);

        result.Status.Should().Be(TagMapChangeStatus.Created, string.Join("; ", result.Errors));
        var stored = await scenario.TagMaps.GetVersionAsync(scenario.Site.Id, 2, CancellationToken.None);
        stored!.TagMap.Connections.Select(c => c.Id).Should().BeEquivalentTo("press-plc", "boiler-plc");
        stored.TagMap.Tags.Select(t => t.Path.Value).Should().Equal(scenario.Path("Press", "Line1", "Press_Machine", "Speed"));
        result.Issued.Select(i => i.AgentId).Should().BeEquivalentTo([scenario.First.Id, scenario.Second.Id], "both agents' tags changed");
    }

    [Fact]
    public async Task Import_CsvWithFormulaCell_RejectedWithRowAndField()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        var csv = "path,connection,address,data_type,poll_interval_ms,description\r\n"
            + $"{scenario.Path("Press", "Line1", "Press_Machine", "Speed")},press-plc,HR200,UInt16,250,=SUM(A1)\r\n";

        var result = await scenario.ImportAsync(TagMapFormat.Csv, csv);

        result.Status.Should().Be(TagMapChangeStatus.Rejected);
        result.Errors.Should().ContainSingle().Which.Should().Match<TagMapError>(e => e.Row == 2 && e.Field == "description");
        (await scenario.VersionCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Import_SameContentAgain_UnchangedWithoutNewVersionOrEnvelope()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());

        var again = await scenario.ImportYamlAsync(scenario.Yaml().Replace("tags:", "# reformatted\ntags:", StringComparison.Ordinal));

        again.Status.Should().Be(TagMapChangeStatus.Unchanged);
        again.Version!.Version.Should().Be(1);
        (await scenario.VersionCountAsync()).Should().Be(1);
        (await scenario.EnvelopesAsync(scenario.First.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Import_ChangeForOneAgent_OnlyThatAgentGetsNextVersion()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());

        var result = await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.7"));

        result.Version!.Version.Should().Be(2);
        result.Issued.Should().ContainSingle().Which.Should().Be(result.Issued[0] with { AgentId = scenario.Second.Id, Version = 2, Cause = AgentConfigIssueCause.Changed });
        (await scenario.EnvelopesAsync(scenario.First.Id)).Should().ContainSingle();
        var latest = (await scenario.EnvelopesAsync(scenario.Second.Id))[^1];
        var verified = scenario.Verify(latest.Envelope, scenario.Second.Id, appliedVersion: 1);
        verified.Succeeded.Should().BeTrue(verified.Message);
        verified.Envelope!.Configuration.Connections.Single().Endpoint.Should().BeOfType<Core.Model.ModbusTcpEndpoint>().Which.Host.Should().Be("10.0.0.7");
    }

    [Fact]
    public async Task ListVersions_ThreeImports_NewestFirstWithAuthorsAndComments()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml(), "one");
        await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.8"), "two");
        await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.9"), "three");

        var versions = await scenario.TagMaps.ListVersionsAsync(scenario.Site.Id, CancellationToken.None);

        versions.Select(v => (v.Version, v.Comment, v.Author)).Should().Equal((3, "three", ConfigScenario.Actor), (2, "two", ConfigScenario.Actor), (1, "one", ConfigScenario.Actor));
        versions.Select(v => v.ContentSha256).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Diff_TwoVersions_ReportsAddedRemovedAndChangedExactly()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml(extraPressTags: ["Door_Open"]));
        await scenario.ImportYamlAsync(scenario.Yaml(pressTemperatureAddress: "HR101", boilerHost: "10.0.0.9", extraPressTags: ["Guard_Closed"]));

        var diff = await scenario.TagMaps.DiffAsync(scenario.Site.Id, 1, 2, CancellationToken.None);

        diff.AddedTags.Select(t => t.Path.Value).Should().Equal(scenario.Path("Press", "Line1", "Press_Machine", "Guard_Closed"));
        diff.RemovedTags.Select(t => t.Path.Value).Should().Equal(scenario.Path("Press", "Line1", "Press_Machine", "Door_Open"));
        var changed = diff.ChangedTags.Should().ContainSingle().Subject;
        changed.Fields.Should().Equal(new FieldChange("address", "HR100", "HR101"));
        diff.ChangedConnections.Select(c => c.After.Id).Should().Equal("boiler-plc");
        diff.AddedConnections.Should().BeEmpty();
        diff.RemovedConnections.Should().BeEmpty();
        (await scenario.TagMaps.DiffAsync(scenario.Site.Id, 2, 2, CancellationToken.None)).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task Diff_UnknownVersion_Throws()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());

        var diff = () => scenario.TagMaps.DiffAsync(scenario.Site.Id, 1, 9, CancellationToken.None);

        await diff.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*no tag-map version 9*");
    }

    [Fact]
    public async Task Rollback_ToFirstVersion_NewVersionWithOldContentAndHigherEnvelopeVersions()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        var first = await scenario.ImportYamlAsync(scenario.Yaml());
        await scenario.ImportYamlAsync(scenario.Yaml(pressTemperatureAddress: "HR300", boilerHost: "10.0.0.9"));
        var firstEnvelope = (await scenario.EnvelopesAsync(scenario.First.Id))[0];

        var rollback = await scenario.TagMaps.RollbackAsync(scenario.Site.Id, 1, "back to 1", "ot:other", CancellationToken.None);

        rollback.Status.Should().Be(TagMapChangeStatus.Created);
        rollback.Version!.Version.Should().Be(3);
        rollback.Version.RolledBackFrom.Should().Be(1);
        rollback.Version.Author.Should().Be("ot:other");
        rollback.Version.ContentSha256.Should().Be(first.Version!.ContentSha256);
        (await scenario.TagMaps.DiffAsync(scenario.Site.Id, 1, 3, CancellationToken.None)).IsEmpty.Should().BeTrue();
        var envelopes = await scenario.EnvelopesAsync(scenario.First.Id);
        envelopes.Select(e => e.Version).Should().Equal(1, 2, 3);
        envelopes[2].PayloadHash.Should().Equal(firstEnvelope.PayloadHash, "the agent runs the old content again");
        scenario.Verify(envelopes[2].Envelope, scenario.First.Id, appliedVersion: 2).Succeeded.Should().BeTrue("a rollback is a newer version, not an anti-rollback violation");
        scenario.Verify(envelopes[0].Envelope, scenario.First.Id, appliedVersion: 2).Failure.Should().Be(ConfigVerificationFailure.Rollback);
        (await scenario.AuditTypesAsync($"site:{scenario.Site.Id:D}")).Should().Contain(AuditEventTypes.TagMapRolledBack);
    }

    [Fact]
    public async Task Rollback_ToCurrentContent_Unchanged()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());

        var rollback = await scenario.TagMaps.RollbackAsync(scenario.Site.Id, 1, null, ConfigScenario.Actor, CancellationToken.None);

        rollback.Status.Should().Be(TagMapChangeStatus.Unchanged);
        (await scenario.VersionCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task SetNamespace_InvalidChangedOrTaken_Refused()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        var other = await ConfigScenario.CreateAsync(fixture.Host.Services);

        var invalid = () => scenario.TagMaps.SetNamespaceAsync(scenario.Site.Id, "Acme", "Site/A", "admin:test", CancellationToken.None);
        var changed = () => scenario.TagMaps.SetNamespaceAsync(scenario.Site.Id, "Acme", "Renamed", "admin:test", CancellationToken.None);
        var unknownSite = () => scenario.TagMaps.SetNamespaceAsync(Guid.NewGuid(), "Acme", other.Name + "x", "admin:test", CancellationToken.None);
        var same = await scenario.TagMaps.SetNamespaceAsync(scenario.Site.Id, "Acme", scenario.Name, "admin:test", CancellationToken.None);

        await invalid.Should().ThrowAsync<ArgumentException>().WithMessage("*position 5 is not allowed*");
        await changed.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot change*");
        await unknownSite.Should().ThrowAsync<KeyNotFoundException>();
        same.Name.Should().Be(scenario.Name);
    }

    [Fact]
    public async Task SetNamespace_OfAnotherSite_Refused()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        var fleet = fixture.Host.Get<Proxus.Server.Fleet.FleetService>();
        var bare = await fleet.CreateSiteAsync("Bare " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);

        var taken = () => scenario.TagMaps.SetNamespaceAsync(bare.Id, ConfigScenario.Enterprise, scenario.Name, "admin:test", CancellationToken.None);

        await taken.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Another site already has*");
    }

    [Fact]
    public async Task Import_CommentTooLong_Refused()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);

        var import = () => scenario.ImportYamlAsync(scenario.Yaml(), new string('c', TagMapVersion.MaxCommentLength + 1));

        await import.Should().ThrowAsync<ArgumentException>();
        (await scenario.VersionCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task RenewDue_NearExpiryAndAgentAddedLater_IssuesNextVersionsWithSameContent()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TrustHost.StartAsync(await fixture.CreateDatabaseAsync(), timeProvider: clock);
        var scenario = await ConfigScenario.CreateAsync(host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        (await scenario.Configs.RenewDueAsync(CancellationToken.None)).Should().BeEmpty("fresh envelopes are not due");
        var late = await host.Get<Proxus.Server.Fleet.FleetService>().CreateAgentAsync(scenario.Site.Id, "edge-03", "admin:test", CancellationToken.None);
        await using (var db = host.CreateDbContext())
        {
            // The envelope an agent gets at creation, gone: the periodic check is the safety net.
            await db.AgentConfigEnvelopes.Where(e => e.AgentId == late.Id).ExecuteDeleteAsync();
        }

        var firstPass = await scenario.Configs.RenewDueAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(21));
        var secondPass = await scenario.Configs.RenewDueAsync(CancellationToken.None);

        firstPass.Should().ContainSingle().Which.Should().Match<IssuedAgentConfig>(i => i.AgentId == late.Id && i.Cause == AgentConfigIssueCause.First);
        secondPass.Select(i => (i.AgentId, i.Version, i.Cause)).Should().BeEquivalentTo(
            [(scenario.First.Id, 2L, AgentConfigIssueCause.Renewal), (scenario.Second.Id, 2L, AgentConfigIssueCause.Renewal), (late.Id, 2L, AgentConfigIssueCause.Renewal)]);
        var envelopes = await scenario.EnvelopesAsync(scenario.First.Id);
        envelopes[1].PayloadHash.Should().Equal(envelopes[0].PayloadHash);
        scenario.Verify(envelopes[1].Envelope, scenario.First.Id, appliedVersion: 1, time: clock).Succeeded.Should().BeTrue();
        host.ConfigNotifier.Issued.Should().Contain(i => i.AgentId == late.Id && i.Version == 2);
        clock.Advance(TimeSpan.FromDays(10));
        scenario.Verify(envelopes[0].Envelope, scenario.First.Id, time: clock).Failure.Should().Be(ConfigVerificationFailure.Expired);
    }

    [Fact]
    public async Task Import_StoredContent_IsTheCanonicalYamlExport()
    {
        var scenario = await ConfigScenario.CreateAsync(fixture.Host.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());

        var stored = await scenario.TagMaps.GetVersionAsync(scenario.Site.Id, 1, CancellationToken.None);

        Encoding.UTF8.GetString(TagMapYaml.ToUtf8Bytes(stored!.TagMap)).Should().Be(stored.Yaml);
        (await scenario.TagMaps.GetVersionAsync(scenario.Site.Id, 2, CancellationToken.None)).Should().BeNull();
        await using var db = fixture.Host.CreateDbContext();
        (await db.TagMapVersions.SingleAsync(v => v.SiteId == scenario.Site.Id)).ContentHash
            .Should().Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(stored.Yaml)));
    }

    /// <summary>An upload that never ends: counts what the importer read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            BytesRead += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            buffer.Span.Fill((byte)'a');
            BytesRead += buffer.Length;
            return ValueTask.FromResult(buffer.Length);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class TagMapServiceSqliteTests(SqliteTrustFixture fixture) : TagMapServiceTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class TagMapServicePostgreSqlTests(PostgreSqlTrustFixture fixture) : TagMapServiceTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
