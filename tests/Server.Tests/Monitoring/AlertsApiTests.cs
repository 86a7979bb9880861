using System.Net;
using System.Net.Http.Json;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

/// <summary><c>/api/v1/alerts</c>: Admin and Auditor read and filter, Admin acknowledges with a comment.</summary>
public sealed class AlertsApiTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_AuditorFiltersByRuleSeverityStateAndTime_OnlyMatchingAlerts()
    {
        var marker = Guid.NewGuid().ToString("N");
        var offline = await RaiseAsync(AlertRules.AgentOffline, AlertSeverity.High, $"agent:{marker}", Start.AddYears(3));
        var revoked = await RaiseAsync(AlertRules.RevokedCertificate, AlertSeverity.Critical, $"certificate:{marker}", Start.AddYears(3));
        using var auditor = await SignInAsync(Roles.Auditor);

        var critical = await auditor.GetFromJsonAsync<List<AlertResponse>>($"/api/v1/alerts?severity=critical&state=Open&rule={AlertRules.RevokedCertificate}&from={Uri.EscapeDataString(Start.AddYears(3).AddMinutes(-1).ToString("O"))}");
        var offlineOnly = await auditor.GetFromJsonAsync<List<AlertResponse>>($"/api/v1/alerts?rule={AlertRules.AgentOffline}&limit=500");

        critical!.Select(a => a.Id).Should().Contain(revoked.Id).And.NotContain(offline.Id);
        offlineOnly!.Should().Contain(a => a.Id == offline.Id).And.OnlyContain(a => a.Rule == AlertRules.AgentOffline);
        var shown = critical!.Single(a => a.Id == revoked.Id);
        shown.Should().Match<AlertResponse>(a => a.Severity == "Critical" && a.State == "Open" && a.Count == 1 && a.Details["reason"] == "test");
    }

    [Theory]
    [InlineData("severity=urgent")]
    [InlineData("state=1")]
    [InlineData("rule=made-up")]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("offset=-1")]
    public async Task List_InvalidFilter_BadRequest(string query)
    {
        using var admin = await SignInAsync(Roles.Admin);

        using var response = await admin.GetAsync("/api/v1/alerts?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Acknowledge_AdminWithComment_AcknowledgedAudited_SecondTimeConflict()
    {
        var alert = await RaiseAsync(AlertRules.UnknownClientId, AlertSeverity.Medium, "mqtt-client:" + Guid.NewGuid().ToString("N"), Start);
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var client = await Iam.SignInAsync(_server, admin.UserName);

        using var response = await client.PostAsJsonAsync($"/api/v1/alerts/{alert.Id:D}/acknowledge", new AcknowledgeAlertRequest("port scan by the IT team, ticket 4711"));
        using var again = await client.PostAsJsonAsync($"/api/v1/alerts/{alert.Id:D}/acknowledge", new AcknowledgeAlertRequest("again"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var acknowledged = await response.Content.ReadFromJsonAsync<AlertResponse>();
        acknowledged!.Should().Match<AlertResponse>(a => a.State == "Acknowledged" && a.AcknowledgedBy == $"user:{admin.UserName}" && a.AcknowledgeComment == "port scan by the IT team, ticket 4711");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var entry = await AuditProbe.WaitForAsync(_server.CreateDbContext, MonitoringAuditEventTypes.AlertAcknowledged, e => e.Subject == alert.Subject);
        entry.Actor.Should().Be($"user:{admin.UserName}");
    }

    [Fact]
    public async Task Acknowledge_WithoutCommentOrUnknown_BadRequestOrNotFound()
    {
        var alert = await RaiseAsync(AlertRules.UnknownClientId, AlertSeverity.Medium, "mqtt-client:" + Guid.NewGuid().ToString("N"), Start);
        using var admin = await SignInAsync(Roles.Admin);

        using var missing = await admin.PostAsJsonAsync($"/api/v1/alerts/{alert.Id:D}/acknowledge", new AcknowledgeAlertRequest(null));
        using var tooLong = await admin.PostAsJsonAsync($"/api/v1/alerts/{alert.Id:D}/acknowledge", new AcknowledgeAlertRequest(new string('c', Alert.MaxCommentLength + 1)));
        using var unknown = await admin.PostAsJsonAsync($"/api/v1/alerts/{Guid.NewGuid():D}/acknowledge", new AcknowledgeAlertRequest("x"));

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetFromJsonAsync<AlertResponse>($"/api/v1/alerts/{alert.Id:D}"))!.State.Should().Be("Open");
    }

    [Fact]
    public async Task Acknowledge_Auditor_Forbidden()
    {
        var alert = await RaiseAsync(AlertRules.UnknownClientId, AlertSeverity.Medium, "mqtt-client:" + Guid.NewGuid().ToString("N"), Start);
        using var auditor = await SignInAsync(Roles.Auditor);

        using var response = await auditor.PostAsJsonAsync($"/api/v1/alerts/{alert.Id:D}/acknowledge", new AcknowledgeAlertRequest("not mine to close"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<HttpClient> SignInAsync(string role)
        => await Iam.SignInAsync(_server, (await Iam.CreateUserAsync(_server, [role])).UserName);

    private async Task<Alert> RaiseAsync(string rule, AlertSeverity severity, string subject, DateTimeOffset at)
        => (await _server.Get<AlertStore>().RaiseAsync(new AlertCandidate(rule, severity, subject, "summary", at, "10.0.0.1", new Dictionary<string, string?> { ["reason"] = "test" }), CancellationToken.None))!;
}
