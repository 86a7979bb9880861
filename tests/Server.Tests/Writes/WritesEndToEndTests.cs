using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Proxus.Core.Commands;
using Proxus.Core.Model;
using Proxus.Core.Uns;
using Proxus.Drivers.Modbus.Data;
using Proxus.Server.Audit;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Mqtt;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Monitoring;
using Proxus.Server.Tests.Support;
using Proxus.Server.Writes;
using Proxus.Server.Writes.Contracts;

namespace Proxus.Server.Tests.Writes;

/// <summary>
/// Governed writes end to end: REST requests and approvals, the signed command over the broker
/// to the agent's command processor, the write and read-back on the Modbus and S7 simulators, the
/// result back over MQTT, and every refusal on the server and at the edge.
/// </summary>
public abstract partial class WritesEndToEndTests(WritesScenario scenario)
{
    [Fact]
    public async Task ApprovedWrite_Modbus_ChangesTheRegisterAndReadBackMatches()
    {
        var (status, request, body) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "432");
        status.Should().Be(HttpStatusCode.Created, body);
        request!.State.Should().Be(nameof(WriteState.Requested));

        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request.Id:D}/approve")).Should().Be(HttpStatusCode.OK);

        var done = await scenario.WaitForAsync(request.Id, WriteState.Succeeded, WriteState.Failed);
        done.State.Should().Be(nameof(WriteState.Succeeded), done.Error);
        done.ReadBack.Should().Be("432");
        (await scenario.ReadModbusAsync("HR10", ModbusDataType.UInt16)).Should().Be((ushort)432);
        done.Timeline!.Select(s => s.Action).Should().Equal("requested", "approval", "approved", "dispatched", "succeeded");
    }

    [Fact]
    public async Task ApprovedWrite_S7_ChangesTheDataBlockAndReadBackMatches()
    {
        var (status, request, body) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Level, "-37");
        status.Should().Be(HttpStatusCode.Created, body);

        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);

        var done = await scenario.WaitForAsync(request.Id, WriteState.Succeeded, WriteState.Failed);
        done.State.Should().Be(nameof(WriteState.Succeeded), done.Error);
        done.ReadBack.Should().Be("-37");
        (await scenario.ReadS7IntAsync("DB1.DBW4")).Should().Be(-37);
    }

    [Fact]
    public async Task Approve_OwnRequest_IsForbiddenEvenForAnAdmin()
    {
        var (status, request, body) = await scenario.RequestAsync(scenario.AdminApprover, WritesScenario.Speed, "5");
        status.Should().Be(HttpStatusCode.Created, body);

        (await WritesScenario.PostAsync(scenario.AdminApprover, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.Forbidden);

        (await scenario.WaitForAsync(request.Id, WriteState.Requested)).Approvals.Should().Be(0);
    }

    [Fact]
    public async Task Approve_WithoutTheApproverRole_IsForbidden()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "6");
        var otherEngineer = await scenario.SignInAsync([Roles.OtEngineer, Roles.Admin], [scenario.Agent.Site.Id]);

        (await WritesScenario.PostAsync(otherEngineer, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.Forbidden);
        (await WritesScenario.PostAsync(scenario.Viewer, $"/api/v1/writes/{request.Id:D}/approve")).Should().Be(HttpStatusCode.Forbidden);

        (await scenario.WaitForAsync(request.Id, WriteState.Requested)).Approvals.Should().Be(0);
    }

    [Theory]
    [InlineData(WritesScenario.Speed, "1001", "above the write maximum")]
    [InlineData(WritesScenario.Speed, "-1", "not a UInt16 value")]
    [InlineData(WritesScenario.Speed, "12.5", "not a UInt16 value")]
    [InlineData(WritesScenario.Setpoint, "150.5", "above the write maximum")]
    [InlineData(WritesScenario.Counter, "1", "not writable")]
    public async Task Create_InvalidValueOrTag_IsRefusedByTheServer(string tag, string value, string reason)
    {
        var (status, _, body) = await scenario.RequestAsync(scenario.Engineer, tag, value);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.Should().Contain(reason);
    }

    [Fact]
    public async Task Create_ByViewerOrUnknownTagOrOtherSite_IsRefused()
    {
        (await scenario.RequestAsync(scenario.Viewer, WritesScenario.Speed, "1")).Status.Should().Be(HttpStatusCode.Forbidden);
        (await scenario.RequestAsync(scenario.Engineer, "Nothing", "1")).Status.Should().Be(HttpStatusCode.NotFound);
        var unassigned = await scenario.SignInAsync([Roles.OtEngineer]);
        (await scenario.RequestAsync(unassigned, WritesScenario.Speed, "1")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CriticalTag_NeedsTwoDifferentApprovers()
    {
        var (status, request, body) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Setpoint, "72.5");
        status.Should().Be(HttpStatusCode.Created, body);
        request!.ApprovalsRequired.Should().Be(2);

        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request.Id:D}/approve")).Should().Be(HttpStatusCode.OK);
        (await scenario.WaitForAsync(request.Id, WriteState.Requested)).Approvals.Should().Be(1);
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request.Id:D}/approve")).Should().Be(HttpStatusCode.Forbidden);
        (await WritesScenario.PostAsync(scenario.SecondApprover, $"/api/v1/writes/{request.Id:D}/approve")).Should().Be(HttpStatusCode.OK);

        var done = await scenario.WaitForAsync(request.Id, WriteState.Succeeded, WriteState.Failed);
        done.State.Should().Be(nameof(WriteState.Succeeded), done.Error);
        done.ReadBack.Should().Be("72.5");
        (await scenario.ReadModbusAsync("HR20", ModbusDataType.Float32)).Should().Be(72.5f);
    }

    [Fact]
    public async Task Approve_TwoApproversAtTheSameMoment_ExactlyOneStateChange()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "77");
        using var start = new SemaphoreSlim(0, 2);

        var calls = new[] { scenario.Approver, scenario.SecondApprover }.Select(async client =>
        {
            await start.WaitAsync();
            return await WritesScenario.PostAsync(client, $"/api/v1/writes/{request!.Id:D}/approve");
        }).ToList();
        start.Release(2);
        var statuses = await Task.WhenAll(calls);

        statuses.Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var done = await scenario.WaitForAsync(request!.Id, WriteState.Succeeded, WriteState.Failed);
        done.Timeline!.Count(s => s.Action == "approval").Should().Be(1);
        done.Timeline!.Count(s => s.Action == "approved").Should().Be(1);
    }

    [Fact]
    public async Task Reject_WithReason_EndsTheRequestAndNothingIsDispatched()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "9");

        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/reject", new RejectWriteRequest(null))).Should().Be(HttpStatusCode.BadRequest);
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request.Id:D}/reject", new RejectWriteRequest("not during the shift"))).Should().Be(HttpStatusCode.OK);
        (await WritesScenario.PostAsync(scenario.SecondApprover, $"/api/v1/writes/{request.Id:D}/approve")).Should().Be(HttpStatusCode.Conflict);

        var rejected = await scenario.WaitForAsync(request.Id, WriteState.Rejected);
        rejected.Timeline!.Last().Detail.Should().Be("not during the shift");
        rejected.DispatchedAt.Should().BeNull();
    }

    [Fact]
    public async Task Cancel_ByRequesterBeforeApproval_EndsTheRequest()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "11");

        (await WritesScenario.PostAsync(scenario.AdminApprover, $"/api/v1/writes/{request!.Id:D}/cancel")).Should().Be(HttpStatusCode.OK, "an Admin may cancel any request");
        (await WritesScenario.PostAsync(scenario.Engineer, $"/api/v1/writes/{request.Id:D}/cancel")).Should().Be(HttpStatusCode.Conflict);

        (await scenario.WaitForAsync(request.Id, WriteState.Cancelled)).CompletedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task AgentOffline_UntilTheCommandExpires_TimesOut()
    {
        var (status, request, body) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Remote, "3");
        status.Should().Be(HttpStatusCode.Created, body);

        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);

        var done = await scenario.WaitForAsync(request.Id, WriteState.TimedOut, WriteState.Succeeded, WriteState.Failed);
        done.State.Should().Be(nameof(WriteState.TimedOut));
        done.AgentId.Should().Be(scenario.OfflineAgent.Agent.Id);
        (await scenario.ReadModbusAsync("HR40", ModbusDataType.UInt16)).Should().Be((ushort)0);
    }

    [Fact]
    public async Task LinkCutBeforeTheResult_NeverWritesTwiceAndIsReconciled()
    {
        scenario.Edge.DropNextResult = true;
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "321");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);

        var timedOut = await scenario.WaitForAsync(request.Id, WriteState.TimedOut, WriteState.Succeeded);
        timedOut.State.Should().Be(nameof(WriteState.TimedOut), "the result never left the agent");
        (await scenario.ReadModbusAsync("HR10", ModbusDataType.UInt16)).Should().Be((ushort)321, "the agent did write");
        await scenario.WriteModbusAsync("HR10", ModbusDataType.UInt16, (ushort)999);

        // The link is back: the broker redelivers the command, the agent answers from its nonce store.
        var (command, _) = scenario.Edge.Dropped.Single(d => d.Result.RequestId == request.Id);
        var again = await scenario.Edge.Processor.ProcessAsync(command, scenario.Edge.Configuration, CancellationToken.None);
        again!.Duplicate.Should().BeTrue();
        again.Outcome.Should().Be(WriteOutcome.Succeeded);
        await scenario.Edge.PublishAsync(again);
        await scenario.Edge.PublishAsync(again);

        var reconciled = await scenario.WaitForAsync(request.Id, WriteState.Succeeded);
        reconciled.ReadBack.Should().Be("321");
        reconciled.Timeline!.Select(s => s.Action).Should().EndWith(["timed-out", "reconciled"]);
        (await scenario.ReadModbusAsync("HR10", ModbusDataType.UInt16)).Should().Be((ushort)999, "the redelivered command was not executed again");
    }

    [Fact]
    public async Task ForgedCommands_AreRefusedAtTheEdgeAndNothingIsWritten()
    {
        await scenario.WriteModbusAsync("HR10", ModbusDataType.UInt16, (ushort)100);
        using var serverKey = ExportCommandKey();
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        WriteCommand Command(string tag, DataType type, string value, DateTimeOffset? issuedAt = null) => new(
            Guid.NewGuid(), scenario.Agent.Agent.Id.ToString("D"), UnsPath.Parse(scenario.Tag(tag)), type, value, CommandSigner.NewNonce(), issuedAt ?? now, (issuedAt ?? now).AddSeconds(30));

        var cases = new (byte[] Envelope, CommandRefusal Expected)[]
        {
            (new CommandSigner(serverKey).Sign(Command(WritesScenario.Speed, DataType.UInt16, "5000")), CommandRefusal.OutOfLimits),
            (new CommandSigner(serverKey).Sign(Command(WritesScenario.Counter, DataType.UInt16, "7")), CommandRefusal.NotWritable),
            (new CommandSigner(serverKey).Sign(Command(WritesScenario.Speed, DataType.Float32, "7")), CommandRefusal.TypeMismatch),
            (new CommandSigner(serverKey).Sign(Command(WritesScenario.Speed, DataType.UInt16, "7", now.AddMinutes(-10))), CommandRefusal.Expired),
            (new CommandSigner(otherKey).Sign(Command(WritesScenario.Speed, DataType.UInt16, "7")), CommandRefusal.UnknownKey),
        };
        foreach (var (envelope, expected) in cases)
        {
            var result = await scenario.Edge.Processor.ProcessAsync(envelope, scenario.Edge.Configuration, CancellationToken.None);
            result!.Outcome.Should().Be(WriteOutcome.Refused);
            result.Refusal.Should().Be(expected, result.Error);
        }

        var diode = await scenario.Edge.Processor.ProcessAsync(new CommandSigner(serverKey).Sign(Command(WritesScenario.Speed, DataType.UInt16, "7")), scenario.Edge.Configuration with { DiodeMode = true }, CancellationToken.None);
        diode!.Refusal.Should().Be(CommandRefusal.DiodeMode);
        (await scenario.ReadModbusAsync("HR10", ModbusDataType.UInt16)).Should().Be((ushort)100, "no refused command touched the device");
    }

    [Fact]
    public async Task ReplayedCommand_IsNotExecutedAgain()
    {
        using var serverKey = ExportCommandKey();
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var envelope = new CommandSigner(serverKey).Sign(new WriteCommand(
            Guid.NewGuid(), scenario.Agent.Agent.Id.ToString("D"), UnsPath.Parse(scenario.Tag(WritesScenario.Level)), DataType.Int16, "12", CommandSigner.NewNonce(), now, now.AddSeconds(30)));

        var first = await scenario.Edge.Processor.ProcessAsync(envelope, scenario.Edge.Configuration, CancellationToken.None);
        first!.Outcome.Should().Be(WriteOutcome.Succeeded, first.Error);
        await using (var s7 = new Drivers.S7.S7Client(new Drivers.S7.S7ClientOptions { Host = "127.0.0.1", Port = scenario.S7.Port, Slot = 1 }))
        {
            await s7.WriteAsync("DB1.DBW4", (short)55);
        }

        var replay = await scenario.Edge.Processor.ProcessAsync(envelope, scenario.Edge.Configuration, CancellationToken.None);

        replay!.Duplicate.Should().BeTrue();
        replay.ReadBack.Should().Be("12");
        (await scenario.ReadS7IntAsync("DB1.DBW4")).Should().Be(55);
    }

    [Fact]
    public async Task ReadOnlySite_RefusesRequestsAndTheAgentsConfigurationSaysSo()
    {
        var admin = await scenario.SignInAsync([Roles.Admin]);
        var site = await scenario.Server.Get<FleetService>().CreateSiteAsync("Diode " + Guid.NewGuid().ToString("N"), "test", CancellationToken.None);

        (await admin.PutAsJsonAsync($"/api/v1/writes/sites/{Guid.NewGuid():D}", new SiteWritesRequest(true))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.PutAsJsonAsync($"/api/v1/writes/sites/{site.Id:D}", new SiteWritesRequest(false))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        scenario.Edge.Configuration.DiodeMode.Should().BeFalse("writes are enabled for the scenario's site");
        scenario.Edge.Configuration.CommandKey.Should().NotBeNull();
        var versionBefore = (await scenario.ConfigurationOfAsync(scenario.Agent.Agent.Id)).DiodeMode;
        versionBefore.Should().BeFalse();
    }

    [Fact]
    public async Task FullRun_AuditChainVerifiesAndTheExportHasEveryStep()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "654");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);
        var done = await scenario.WaitForAsync(request.Id, WriteState.Succeeded, WriteState.Failed);

        var verification = await scenario.Auditor.GetFromJsonAsync<AuditVerificationResult>("/api/v1/audit/verify");
        verification!.IsIntact.Should().BeTrue(verification.Problem);

        var lines = (await scenario.Auditor.GetStringAsync("/api/v1/writes/export?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).Where(e => e.GetProperty("requestId").GetGuid() == request.Id).ToList();
        lines.Select(e => e.GetProperty("action").GetString()).Should().Equal(done.Timeline!.Select(s => s.Action));
        lines.Should().OnlyContain(e => e.GetProperty("tag").GetString() == scenario.Tag(WritesScenario.Speed) && e.GetProperty("value").GetString() == "654");

        var csv = await scenario.Auditor.GetStringAsync("/api/v1/writes/export?format=csv");
        csv.Split("\r\n").Count(line => line.StartsWith(request.Id.ToString("D"), StringComparison.Ordinal)).Should().Be(done.Timeline!.Count);
        (await scenario.Engineer.GetAsync("/api/v1/writes/export")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var audit = await scenario.Auditor.GetStringAsync($"/api/v1/audit?limit=1000&type={WriteAuditEventTypes.Succeeded}");
        audit.Should().Contain($"write:{request.Id:D}");
    }

    [Fact]
    public async Task List_FiltersBySiteStateAndRequester()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "13");

        var requested = await scenario.Viewer.GetFromJsonAsync<List<WriteRequestResponse>>($"/api/v1/writes?site={scenario.Agent.Site.Id:D}&state=requested&requester={Uri.EscapeDataString(request!.RequestedBy)}");
        requested.Should().Contain(r => r.Id == request.Id).And.OnlyContain(r => r.State == nameof(WriteState.Requested) && r.RequestedBy == request.RequestedBy);
        (await scenario.Viewer.GetAsync("/api/v1/writes?state=bogus")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unassigned = await scenario.SignInAsync([Roles.OtEngineer]);
        (await unassigned.GetFromJsonAsync<List<WriteRequestResponse>>("/api/v1/writes")).Should().BeEmpty();
        (await unassigned.GetAsync($"/api/v1/writes/{request.Id:D}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RecordResult_NotMatchingTheDispatchedCommand_IsRejectedAndAudited()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Remote, "1");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);
        await scenario.WaitForAsync(request.Id, WriteState.Dispatched, WriteState.TimedOut);
        var writes = scenario.Server.Get<WriteRequestService>();
        var stored = await writes.GetAsync(request.Id, CancellationToken.None);
        var offline = scenario.OfflineAgent.Agent.Id;
        var genuine = new WriteResult(request.Id, offline.ToString("D"), stored!.Nonce!, WriteOutcome.Succeeded, CommandRefusal.None, "1", null, false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        (await writes.RecordResultAsync(offline, genuine with { Nonce = CommandSigner.NewNonce() }, CancellationToken.None)).Should().Be(WriteResultOutcome.Rejected);
        (await writes.RecordResultAsync(scenario.Agent.Agent.Id, genuine with { AgentId = scenario.Agent.Agent.Id.ToString("D") }, CancellationToken.None)).Should().Be(WriteResultOutcome.Rejected);
        (await writes.RecordResultAsync(offline, genuine with { RequestId = Guid.NewGuid() }, CancellationToken.None)).Should().Be(WriteResultOutcome.Rejected);

        (await writes.GetAsync(request.Id, CancellationToken.None))!.State.Should().BeOneOf(WriteState.Dispatched, WriteState.TimedOut);
        var audit = await scenario.Auditor.GetStringAsync($"/api/v1/audit?limit=1000&type={WriteAuditEventTypes.ResultRejected}");
        audit.Should().Contain($"write:{request.Id:D}");
    }

    [Fact]
    public async Task AgentRefusal_ThroughTheResultsConsumer_RecordedAsFailedAndAlertedAsCommandRejected()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Remote, "2");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);
        await scenario.WaitForAsync(request.Id, WriteState.Dispatched, WriteState.TimedOut);
        var stored = await scenario.Server.Get<WriteRequestService>().GetAsync(request.Id, CancellationToken.None);
        var offline = scenario.OfflineAgent;
        var refusal = new WriteResult(request.Id, offline.ClientId, stored!.Nonce!, WriteOutcome.Refused, CommandRefusal.DiodeMode, null, "the site is read-only", false, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        using var payload = new TemporaryPem(System.Text.Encoding.UTF8.GetString(WriteResultJson.Serialize(refusal)));

        // Published by the agent on its own results topic, over mutual TLS, as the agent does.
        var published = await Mosquitto.PubAsync([.. offline.Arguments(scenario.Server.MqttTlsPort), "-q", "1", "-t", AgentTopics.Results(offline.Agent.Id), "-f", payload.Path]);

        published.ExitCode.Should().Be(0, published.Output());
        var failed = await scenario.WaitForAsync(request.Id, WriteState.Failed);
        failed.Error.Should().Contain("DiodeMode");
        var alert = await AlertProbe.WaitForAsync(scenario.Server.CreateDbContext, AlertRules.AgentRejection, $"agent:{offline.Agent.Id:D}");
        alert.Severity.Should().Be(AlertSeverity.High);
        await using var db = scenario.Server.CreateDbContext();
        db.Alerts.Where(a => a.Rule == AlertRules.AgentRejection && a.Subject == $"agent:{scenario.Agent.Agent.Id:D}").Should().BeEmpty("the edge agent's accepted commands raise nothing");
    }

    [Fact]
    public async Task Approve_AfterTheExecutionWindowClosed_RefusedAndAlertedAsWriteOutsideWindow()
    {
        var window = DateTimeOffset.UtcNow.AddSeconds(10);
        using var response = await scenario.Engineer.PostAsJsonAsync("/api/v1/writes", new CreateWriteRequest(scenario.Tag(WritesScenario.Speed), "11", "window test", NotAfter: window));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var request = (await response.Content.ReadFromJsonAsync<WriteRequestResponse>())!;
        var inWindow = await scenario.SignInAsync([Roles.Approver]);
        var remaining = window - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var approval = await WritesScenario.PostAsync(inWindow, $"/api/v1/writes/{request.Id:D}/approve");

        approval.Should().Be(HttpStatusCode.Conflict);
        var alert = await AlertProbe.WaitForAsync(scenario.Server.CreateDbContext, AlertRules.WriteOutsideWindow, $"write-request:{request.Id:D}");
        alert.Severity.Should().Be(AlertSeverity.High);
        (await scenario.ReadModbusAsync("HR10", ModbusDataType.UInt16)).Should().NotBe((ushort)11);
    }

    [Fact]
    public async Task Approve_InsideTheExecutionWindow_NoWriteOutsideWindowAlert()
    {
        var (_, request, _) = await scenario.RequestAsync(scenario.Engineer, WritesScenario.Speed, "12");
        (await WritesScenario.PostAsync(scenario.Approver, $"/api/v1/writes/{request!.Id:D}/approve")).Should().Be(HttpStatusCode.OK);

        (await scenario.WaitForAsync(request.Id, WriteState.Succeeded, WriteState.Failed)).State.Should().Be(nameof(WriteState.Succeeded));

        await using var db = scenario.Server.CreateDbContext();
        db.Alerts.Where(a => a.Rule == AlertRules.WriteOutsideWindow && a.Subject == $"write-request:{request.Id:D}").Should().BeEmpty();
    }

    /// <summary>The server's command-signing key, as an attacker who bypassed the server's checks would hold it.</summary>
    private ECDsa ExportCommandKey()
    {
        var key = ECDsa.Create();
        key.ImportParameters(scenario.Server.Get<CertificateAuthority>().CommandSigningKey.ExportParameters(includePrivateParameters: true));
        return key;
    }
}

public sealed class WritesEndToEndSqliteTests(SqliteWritesScenario scenario) : WritesEndToEndTests(scenario), IClassFixture<SqliteWritesScenario>;

[Collection(PostgresCollection.Name)]
public sealed class WritesEndToEndPostgreSqlTests(PostgreSqlWritesScenario scenario) : WritesEndToEndTests(scenario), IClassFixture<PostgreSqlWritesScenario>;
