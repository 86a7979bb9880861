using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Observability;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Configuration;

/// <summary>The agent configuration endpoints over real HTTPS with client certificates.</summary>
public abstract class AgentConfigApiTests(TrustFixture fixture) : IAsyncLifetime
{
    private const string ConfigPath = "/api/v1/agent/config";
    private const string AppliedPath = "/api/v1/agent/config/applied";

    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_WithAgentCertificate_ReturnsOwnEnvelopeThatVerifiesWithEtag()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);

        using var response = await client.GetAsync(ConfigPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.ETag.Should().Be(new EntityTagHeaderValue("\"1\""));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var envelope = await response.Content.ReadAsByteArrayAsync();
        envelope.Should().Equal((await scenario.EnvelopesAsync(scenario.First.Id)).Single().Envelope);
        var verified = scenario.Verify(envelope, scenario.First.Id);
        verified.Succeeded.Should().BeTrue(verified.Message);
        verified.Envelope!.Configuration.Connections.Select(c => c.Id).Should().Equal("press-plc");
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentVersion_304UntilANewVersionExists()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        using var certificate = await EnrollAsync(scenario.Second);
        using var client = _server.CreateClient(certificate);

        using var unchanged = await GetIfNoneMatchAsync(client, "\"1\"");
        await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.42"));
        using var changed = await GetIfNoneMatchAsync(client, "\"1\"");

        unchanged.StatusCode.Should().Be(HttpStatusCode.NotModified);
        unchanged.Headers.ETag!.Tag.Should().Be("\"1\"");
        (await unchanged.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.Headers.ETag!.Tag.Should().Be("\"2\"");
        var verified = scenario.Verify(await changed.Content.ReadAsByteArrayAsync(), scenario.Second.Id, appliedVersion: 1);
        verified.Succeeded.Should().BeTrue(verified.Message);
        _server.ConfigNotifier.Issued.Should().Contain(i => i.AgentId == scenario.Second.Id && i.Version == 2);
    }

    [Fact]
    public async Task Get_TwoAgentsOfOneSite_EachGetsOnlyItsOwnConfiguration()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        using var first = await EnrollAsync(scenario.First);
        using var second = await EnrollAsync(scenario.Second);
        using var firstClient = _server.CreateClient(first);
        using var secondClient = _server.CreateClient(second);

        var firstEnvelope = await firstClient.GetByteArrayAsync(ConfigPath);
        var secondEnvelope = await secondClient.GetByteArrayAsync(ConfigPath);

        scenario.Verify(secondEnvelope, scenario.Second.Id).Envelope!.Configuration.Connections.Select(c => c.Id).Should().Equal("boiler-plc");
        scenario.Verify(secondEnvelope, scenario.First.Id).Failure.Should().Be(Core.Configuration.ConfigVerificationFailure.WrongAgent, "the first agent refuses the second agent's envelope");
        scenario.Verify(firstEnvelope, scenario.First.Id).Envelope!.Configuration.AgentId.Should().Be(scenario.First.Id.ToString("D"));
    }

    [Fact]
    public async Task Get_AgentCreatedAfterThePublish_ServedAtOnceWithoutAnotherPublish()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        var late = await _server.Get<FleetService>().CreateAgentAsync(scenario.Site.Id, "edge-03", "admin:test", CancellationToken.None);
        using var certificate = await EnrollAsync(late);
        using var client = _server.CreateClient(certificate);

        using var response = await client.GetAsync(ConfigPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var verified = scenario.Verify(await response.Content.ReadAsByteArrayAsync(), late.Id);
        verified.Succeeded.Should().BeTrue(verified.Message);
        verified.Envelope!.Configuration.Connections.Should().BeEmpty("no connection names it yet; the site's write policy and command key still reach it");
        _server.ConfigNotifier.Issued.Should().ContainSingle(i => i.AgentId == late.Id)
            .Which.Should().Match<IssuedAgentConfig>(i => i.Version == 1 && i.Cause == AgentConfigIssueCause.First, "the agent is told the way a publish tells it");
        (await scenario.VersionCountAsync()).Should().Be(1, "no tag-map version was published for it");
        (await scenario.AuditTypesAsync($"agent:{late.Id:D}")).Should().ContainInOrder(AuditEventTypes.AgentCreated, AuditEventTypes.AgentConfigIssued);
    }

    [Fact]
    public async Task Enroll_AgentWhoseEnvelopeIsMissing_IssuesItBeforeTheFirstFetch()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        await using (var db = _server.CreateDbContext())
        {
            // As if issuing at creation had failed (the periodic check would only catch up within the hour).
            await db.AgentConfigEnvelopes.Where(e => e.AgentId == scenario.First.Id).ExecuteDeleteAsync();
        }

        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);
        using var response = await client.GetAsync(ConfigPath);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        scenario.Verify(await response.Content.ReadAsByteArrayAsync(), scenario.First.Id).Succeeded.Should().BeTrue();
        _server.ConfigNotifier.Issued.Should().Contain(i => i.AgentId == scenario.First.Id && i.Cause == AgentConfigIssueCause.First);
    }

    [Fact]
    public async Task Get_AgentWithoutConfiguration_404Problem()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);

        using var response = await client.GetAsync(ConfigPath);

        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "no-configuration");
    }

    [Fact]
    public async Task Get_WithoutClientCertificate_401Problem()
    {
        using var client = _server.CreateClient();

        using var get = await client.GetAsync(ConfigPath);
        using var post = await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(1, "applied", null));

        await ExpectProblemAsync(get, HttpStatusCode.Unauthorized, "client-certificate-required");
        await ExpectProblemAsync(post, HttpStatusCode.Unauthorized, "client-certificate-required");
    }

    [Fact]
    public async Task Get_CertificateOfAnotherCa_403Problem()
    {
        using var other = TestCertificates.Create("Foreign CA");
        using var foreign = other.IssueClient(Guid.NewGuid().ToString("D"));
        using var client = _server.CreateClient(foreign);

        using var response = await client.GetAsync(ConfigPath);

        var problem = await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "client-certificate-refused");
        problem.GetProperty("detail").GetString().Should().Contain(nameof(AgentCertificateRejection.UntrustedChain));
    }

    [Fact]
    public async Task Get_RevokedCertificate_403ProblemAndReportRefused()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        using var certificate = await EnrollAsync(scenario.First);
        (await _server.Get<EnrollmentService>().RevokeCertificateAsync(certificate.SerialNumber, X509RevocationReason.KeyCompromise, "admin:test", CancellationToken.None)).Should().BeTrue();
        using var client = _server.CreateClient(certificate);

        using var get = await client.GetAsync(ConfigPath);
        using var post = await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(1, "applied", null));

        var problem = await ExpectProblemAsync(get, HttpStatusCode.Forbidden, "client-certificate-refused");
        problem.GetProperty("detail").GetString().Should().Contain(nameof(AgentCertificateRejection.Revoked));
        await ExpectProblemAsync(post, HttpStatusCode.Forbidden, "client-certificate-refused");
        (await scenario.Configs.GetSummaryAsync(scenario.First.Id, CancellationToken.None)).AppliedVersion.Should().BeNull();
    }

    [Fact]
    public async Task ReportApplied_RecordedPerAgentAndAudited()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);

        using var response = await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(1, "applied", null));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var summary = await scenario.Configs.GetSummaryAsync(scenario.First.Id, CancellationToken.None);
        summary.Should().Match<AgentConfigSummary>(s => s.LatestVersion == 1 && s.AppliedVersion == 1 && s.ReportedVersion == 1 && s.ReportStatus == AgentConfigReportStatus.Applied && s.Reason == null);
        (await scenario.Configs.GetSummaryAsync(scenario.Second.Id, CancellationToken.None)).AppliedVersion.Should().BeNull("a report concerns the certificate's agent only");
        (await scenario.AuditTypesAsync($"agent:{scenario.First.Id:D}")).Should().Contain(AuditEventTypes.AgentConfigApplied);
    }

    [Fact]
    public async Task ReportRejected_KeepsAppliedVersionRecordsReasonAndAudits()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        await scenario.ImportYamlAsync(scenario.Yaml(pressTemperatureAddress: "HR500"));
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);
        (await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(1, "applied", null))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        using var response = await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(2, "rejected", "Expired: expired at 2026-01-01\nforged line"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var summary = await scenario.Configs.GetSummaryAsync(scenario.First.Id, CancellationToken.None);
        summary.Should().Match<AgentConfigSummary>(s => s.AppliedVersion == 1 && s.ReportedVersion == 2 && s.ReportStatus == AgentConfigReportStatus.Rejected);
        summary.Reason.Should().StartWith("Expired:");
        await using var db = _server.CreateDbContext();
        var entry = db.AuditEntries.Where(e => e.Subject == $"agent:{scenario.First.Id:D}" && e.Type == AuditEventTypes.AgentConfigRejected).Should().ContainSingle().Subject;
        entry.Actor.Should().Be($"agent:{scenario.First.Id:D}");
        entry.Data.Should().Contain("\"version\":\"2\"").And.Contain("\\\\u000A", "the reason's line break is escaped, so it cannot forge a log line");
    }

    [Fact]
    public async Task Metrics_PublishesAndReports_CountedAtTheMetricsEndpoint()
    {
        // A server of its own: the counters start at zero.
        await using var server = await TrustWebHost.StartAsync(fixture.Database);
        var scenario = await ConfigScenario.CreateAsync(server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        await scenario.ImportYamlAsync(scenario.Yaml(pressTemperatureAddress: "HR500"));
        await scenario.ImportYamlAsync(scenario.Yaml(pressTemperatureAddress: "HR500"));
        using var certificate = await EnrollAsync(scenario.First, server);
        using var client = server.CreateClient(certificate);
        (await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(1, "applied", null))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(1, "applied", null))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(2, "rejected", "BadSignature: the signature does not match"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(2, "rejected", "Disk full: {\"forged\":1}"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(9, "applied", null))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var text = await MetricsScrape.ScrapeAsync(server);

        MetricsScrape.Value(text, "proxus_config_versions_published_total").Should().Be(2, "the third import changed nothing");
        MetricsScrape.Value(text, "proxus_config_issued_total{cause=\"first\"}").Should().Be(2, "both agents got their first envelope");
        MetricsScrape.Value(text, "proxus_config_issued_total{cause=\"changed\"}").Should().Be(1, "only edge-01's press connection changed");
        (await scenario.EnvelopesAsync(scenario.First.Id)).Count.Should().Be(2);
        MetricsScrape.Value(text, "proxus_config_notifications_total{outcome=\"sent\"}").Should().Be(3);
        MetricsScrape.Value(text, "proxus_config_notifications_total{outcome=\"failed\"}").Should().Be(0);
        MetricsScrape.Value(text, "proxus_config_reports_total{status=\"applied\"}").Should().Be(2);
        MetricsScrape.Value(text, "proxus_config_reports_total{reason=\"bad_signature\",status=\"rejected\"}").Should().Be(1);
        MetricsScrape.Value(text, "proxus_config_reports_total{reason=\"other\",status=\"rejected\"}").Should().Be(1, "a reason that names no verification failure never becomes a label value");
        text.Should().NotContain("forged");
        MetricsScrape.Value(text, "proxus_config_apply_delay_seconds_count").Should().Be(1, "only the first report that a version is applied measures the delay");
        MetricsScrape.Value(text, "proxus_config_apply_delay_seconds_bucket{le=\"+Inf\"}").Should().Be(1);
    }

    [Theory]
    [InlineData(9, "applied", null, HttpStatusCode.Conflict, "unknown-version")]
    [InlineData(0, "applied", null, HttpStatusCode.BadRequest, "invalid-report")]
    [InlineData(1, "Applied", null, HttpStatusCode.BadRequest, "invalid-report")]
    [InlineData(1, null, null, HttpStatusCode.BadRequest, "invalid-report")]
    [InlineData(1, "rejected", 1001, HttpStatusCode.BadRequest, "invalid-report")]
    public async Task Report_Invalid_ProblemAndNothingRecorded(long version, string? status, int? reasonLength, HttpStatusCode expected, string type)
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);

        using var response = await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(version, status, reasonLength is { } n ? new string('r', n) : null));

        await ExpectProblemAsync(response, expected, type);
        (await scenario.Configs.GetSummaryAsync(scenario.First.Id, CancellationToken.None)).ReportedVersion.Should().BeNull();
    }

    [Fact]
    public async Task Report_OversizedBody_413()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);
        using var content = new StringContent("{\"version\":1,\"status\":\"rejected\",\"reason\":\"" + new string('r', 100_000) + "\"}", System.Text.Encoding.UTF8, "application/json");

        using var response = await OversizedRequest.PostAsync(client, AppliedPath, content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Report_VersionOfAnotherAgent_409()
    {
        var scenario = await ConfigScenario.CreateAsync(_server.Services);
        await scenario.ImportYamlAsync(scenario.Yaml());
        await scenario.ImportYamlAsync(scenario.Yaml(boilerHost: "10.0.0.77"));
        using var certificate = await EnrollAsync(scenario.First);
        using var client = _server.CreateClient(certificate);

        using var response = await client.PostAsJsonAsync(AppliedPath, new AppliedConfigReport(2, "applied", null));

        await ExpectProblemAsync(response, HttpStatusCode.Conflict, "unknown-version");
    }

    private static Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ConfigPath);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }

    /// <summary>Enrolls <paramref name="agent"/> with the class's server, or with <paramref name="server"/> when a test runs its own.</summary>
    private async Task<X509Certificate2> EnrollAsync(Agent agent, TrustWebHost? server = null)
    {
        server ??= _server;
        var token = await server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        var (key, csr) = Csr.CreateEc();
        using var client = server.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(token.Token, csr));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var enrolled = (await response.Content.ReadFromJsonAsync<EnrollmentResponse>())!;
        using var publicOnly = X509Certificate2.CreateFromPem(enrolled.CertificatePem);
        return publicOnly.CopyWithPrivateKey(key);
    }

    private static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be(AgentConfigApi.ProblemPrefix + type);
        return problem;
    }
}

public sealed class AgentConfigApiSqliteTests(SqliteTrustFixture fixture) : AgentConfigApiTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class AgentConfigApiPostgreSqlTests(PostgreSqlTrustFixture fixture) : AgentConfigApiTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
