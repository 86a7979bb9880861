using Microsoft.EntityFrameworkCore;
using Proxus.Server.Monitoring;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>De-duplication, episodes, acknowledgement, audit and queries of the alert store (SQLite).</summary>
public sealed class AlertStoreTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private AlertStore Store => fixture.Host.Get<AlertStore>();

    [Fact]
    public async Task Raise_SameRuleAndSubjectWhileOpen_OneAlertWithCountAndLastSeen()
    {
        var subject = Subject();

        var first = await Store.RaiseAsync(Candidate(subject, Start) with { Occurrences = 5 }, CancellationToken.None);
        var second = await Store.RaiseAsync(Candidate(subject, Start.AddMinutes(1)), CancellationToken.None);
        var third = await Store.RaiseAsync(Candidate(subject, Start.AddMinutes(2)), CancellationToken.None);

        first.Should().NotBeNull();
        second.Should().BeNull("counted on the open alert");
        third.Should().BeNull();
        var stored = await Store.GetAsync(first!.Id, CancellationToken.None);
        stored!.Count.Should().Be(7);
        stored.FirstSeen.Should().Be(Start);
        stored.LastSeen.Should().Be(Start.AddMinutes(2));
        (await AlertsOf(subject)).Should().ContainSingle();
    }

    [Fact]
    public async Task Raise_AfterAcknowledgement_OpensNewAlert()
    {
        var subject = Subject();
        var first = await Store.RaiseAsync(Candidate(subject, Start), CancellationToken.None);
        (await Store.AcknowledgeAsync(first!.Id, "user:admin", "investigated", CancellationToken.None)).Outcome.Should().Be(AcknowledgeOutcome.Acknowledged);

        var again = await Store.RaiseAsync(Candidate(subject, Start.AddMinutes(5)), CancellationToken.None);

        again.Should().NotBeNull();
        again!.Id.Should().NotBe(first.Id);
        (await AlertsOf(subject)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Raise_LastingConditionReevaluated_OnceEvenAfterAcknowledgement()
    {
        var subject = Subject();
        var outage = Candidate(subject, Start.AddMinutes(10)) with { EpisodeStart = Start };

        var raised = await Store.RaiseAsync(outage, CancellationToken.None);
        (await Store.RaiseAsync(outage with { At = Start.AddMinutes(11) }, CancellationToken.None)).Should().BeNull();
        await Store.AcknowledgeAsync(raised!.Id, "user:admin", "known maintenance", CancellationToken.None);
        (await Store.RaiseAsync(outage with { At = Start.AddMinutes(12) }, CancellationToken.None)).Should().BeNull("acknowledged during this outage");

        var stored = await Store.GetAsync(raised.Id, CancellationToken.None);
        stored!.Count.Should().Be(1, "re-evaluations of one outage are not new occurrences");
        stored.LastSeen.Should().Be(Start.AddMinutes(11));

        var nextOutage = await Store.RaiseAsync(outage with { At = Start.AddHours(2), EpisodeStart = Start.AddHours(1) }, CancellationToken.None);
        nextOutage.Should().NotBeNull("a new outage raises again");
    }

    [Fact]
    public async Task Raise_NewAlert_AuditedWithRuleAndSeverity()
    {
        var subject = Subject();

        var alert = await Store.RaiseAsync(Candidate(subject, Start), CancellationToken.None);

        var entry = await AuditProbe.WaitForAsync(fixture.Host.CreateDbContext, MonitoringAuditEventTypes.AlertRaised, e => e.Subject == subject);
        entry.Actor.Should().Be("system");
        entry.Data.Should().Contain(alert!.Id.ToString("D")).And.Contain("\"rule\":\"revoked-certificate\"").And.Contain("\"severity\":\"Critical\"");
    }

    [Fact]
    public async Task Acknowledge_Twice_SecondConflictsAndBothKeepFirstComment()
    {
        var alert = await Store.RaiseAsync(Candidate(Subject(), Start), CancellationToken.None);

        var first = await Store.AcknowledgeAsync(alert!.Id, "user:alice", "rotated the key", CancellationToken.None);
        var second = await Store.AcknowledgeAsync(alert.Id, "user:bob", "again", CancellationToken.None);

        first.Outcome.Should().Be(AcknowledgeOutcome.Acknowledged);
        second.Outcome.Should().Be(AcknowledgeOutcome.AlreadyAcknowledged);
        second.Alert!.AcknowledgedBy.Should().Be("user:alice");
        second.Alert.AcknowledgeComment.Should().Be("rotated the key");
        var entry = await AuditProbe.WaitForAsync(fixture.Host.CreateDbContext, MonitoringAuditEventTypes.AlertAcknowledged, e => e.Subject == alert.Subject);
        entry.Actor.Should().Be("user:alice");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Acknowledge_WithoutComment_Refused(string comment)
    {
        var alert = await Store.RaiseAsync(Candidate(Subject(), Start), CancellationToken.None);

        var acknowledge = () => Store.AcknowledgeAsync(alert!.Id, "user:alice", comment, CancellationToken.None);

        await acknowledge.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Acknowledge_UnknownId_NotFound()
        => (await Store.AcknowledgeAsync(Guid.NewGuid(), "user:alice", "x", CancellationToken.None)).Outcome.Should().Be(AcknowledgeOutcome.NotFound);

    [Fact]
    public async Task Raise_HostileText_EscapedAndCapped()
    {
        var subject = "mqtt-client:evil\n<13>1 forged\u202E" + new string('x', 2000);
        var candidate = new AlertCandidate(AlertRules.UnknownClientId, AlertSeverity.Medium, subject, "summary\r\nsecond line", Start, "10.0.0.1",
            Enumerable.Range(0, 100).ToDictionary(i => "key" + i, i => (string?)new string('v', 5000)));

        var alert = await Store.RaiseAsync(candidate, CancellationToken.None);

        alert!.Subject.Should().NotContain("\n").And.Contain("\\u000A").And.Contain("\\u202E").And.HaveLength(Alert.MaxSubjectLength);
        alert.Summary.Should().Be("summary\\u000D\\u000Asecond line");
        alert.Details.Length.Should().BeLessThanOrEqualTo(Alert.MaxDetailsLength);
    }

    [Fact]
    public async Task Query_Filters_SelectByStateSeverityRuleAndTime()
    {
        var subject = Subject();
        var early = await Store.RaiseAsync(Candidate(subject + "-a", Start.AddDays(-30)), CancellationToken.None);
        var late = await Store.RaiseAsync(Candidate(subject + "-b", Start.AddDays(30)) with { Rule = AlertRules.AgentOffline, Severity = AlertSeverity.High }, CancellationToken.None);
        await Store.AcknowledgeAsync(early!.Id, "user:admin", "old", CancellationToken.None);

        var offline = await Store.QueryAsync(new AlertQuery { Rule = AlertRules.AgentOffline, Severity = AlertSeverity.High, State = AlertState.Open, From = Start.AddDays(29) }, CancellationToken.None);
        var acknowledgedEarly = await Store.QueryAsync(new AlertQuery { State = AlertState.Acknowledged, To = Start.AddDays(-29) }, CancellationToken.None);

        offline.Select(a => a.Id).Should().Contain(late!.Id).And.NotContain(early.Id);
        acknowledgedEarly.Select(a => a.Id).Should().Contain(early.Id).And.NotContain(late.Id);
    }

    private static string Subject() => "certificate:" + Guid.NewGuid().ToString("N");

    private static AlertCandidate Candidate(string subject, DateTimeOffset at)
        => new(AlertRules.RevokedCertificate, AlertSeverity.Critical, subject, "Revoked certificate presented", at, "10.0.0.1", new Dictionary<string, string?> { ["reason"] = "Revoked" });

    private async Task<List<Alert>> AlertsOf(string subject)
    {
        await using var db = fixture.Host.CreateDbContext();
        return await db.Alerts.AsNoTracking().Where(a => a.Subject == subject).ToListAsync();
    }
}
