using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Proxus.Server.Api.Contracts;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Identity;

/// <summary>Sign-in, sessions and object-level access over real HTTPS, on each database.</summary>
public abstract class SignInTests(TrustFixture fixture) : IAsyncLifetime
{
    private TrustWebHost _server = null!;

    public async Task InitializeAsync() => _server = await fixture.ServerAsync(database => TrustWebHost.StartAsync(database));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_SameAnswerSimilarTime()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using var client = _server.CreateClient();
        var unknown = new List<TimeSpan>();
        var wrong = new List<TimeSpan>();
        string? unknownBody = null, wrongBody = null;

        for (var i = 0; i < 4; i++)
        {
            (var status, unknownBody, var elapsed) = await TimedLoginAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..8], Iam.Password);
            status.Should().Be(HttpStatusCode.Unauthorized);
            unknown.Add(elapsed);
            (status, wrongBody, elapsed) = await TimedLoginAsync(client, user.UserName, "wrong-password-" + i);
            status.Should().Be(HttpStatusCode.Unauthorized);
            wrong.Add(elapsed);
        }

        unknownBody.Should().Be(wrongBody, "an unknown user and a wrong password answer alike");
        Median(unknown).Should().BeGreaterThan(Median(wrong) / 4, "the unknown-user path verifies a password hash too");
    }

    [Fact]
    public async Task Login_OversizedOrMissingFields_SameAnswerAsWrongPassword()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using var client = _server.CreateClient();
        var (_, reference, _) = await TimedLoginAsync(client, user.UserName, "wrong-password");

        foreach (var (name, password) in new[] { (user.UserName, new string('p', SignInService.MaxPasswordLength + 1)), (new string('u', 300), Iam.Password), (user.UserName, string.Empty) })
        {
            var (status, body, _) = await TimedLoginAsync(client, name, password);
            status.Should().Be(HttpStatusCode.Unauthorized);
            body.Should().Be(reference);
        }

        using var huge = await client.PostAsync("/api/v1/auth/login", new StringContent("{\"userName\":\"" + new string('x', 8192) + "\"}", System.Text.Encoding.UTF8, "application/json"));
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Login_RepeatedFailures_LockOutEvenTheRightPassword()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using var client = _server.CreateClient();
        var limit = new IamOptions().MaxFailedSignIns;

        for (var i = 0; i < limit; i++)
        {
            (await Iam.PostLoginAsync(client, user.UserName, "wrong-password-" + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var right = await Iam.PostLoginAsync(client, user.UserName, Iam.Password);

        right.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await using var db = _server.CreateDbContext();
        (await db.Users.SingleAsync(u => u.Id == user.Id)).LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow);
        var failures = await db.AuditEntries.Where(e => e.Type == IamAuditEventTypes.LoginFailed && e.Subject == $"user:{user.UserName}").OrderBy(e => e.Sequence).Select(e => e.Data).ToListAsync();
        failures.Should().HaveCount(limit + 1);
        failures.Last().Should().Contain("locked-out");
    }

    [Fact]
    public async Task Login_SuccessAndFailure_AreAudited()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using var client = _server.CreateClient();

        (await Iam.PostLoginAsync(client, user.UserName, "wrong-password-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Iam.PostLoginAsync(client, "ghost-" + user.UserName, Iam.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Iam.PostLoginAsync(client, user.UserName, Iam.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var db = _server.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.Subject == $"user:{user.UserName}" || e.Subject == $"user:ghost-{user.UserName}").OrderBy(e => e.Sequence).ToListAsync();
        entries.Select(e => e.Type).Should().ContainInOrder(IamAuditEventTypes.UserCreated, IamAuditEventTypes.LoginFailed, IamAuditEventTypes.LoginFailed, IamAuditEventTypes.LoginSucceeded);
        entries.Single(e => e.Subject.StartsWith("user:ghost-", StringComparison.Ordinal)).Data.Should().Contain("unknown-user");
    }

    [Fact]
    public async Task OneTimePassword_BeforeChange_OnlySessionEndpoints()
    {
        var pending = await Iam.CreatePendingUserAsync(_server, [Roles.Viewer]);
        using var session = await Iam.SignInAsync(_server, pending.User.UserName, pending.OneTimePassword);
        (await session.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var change = await session.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(pending.OneTimePassword, "a-brand-new-passphrase"));

        change.StatusCode.Should().Be(HttpStatusCode.NoContent, await change.Content.ReadAsStringAsync());
        (await session.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK, "the re-issued cookie carries the current password");
        using var fresh = _server.CreateClient();
        (await Iam.PostLoginAsync(fresh, pending.User.UserName, pending.OneTimePassword)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Iam.PostLoginAsync(fresh, pending.User.UserName, "a-brand-new-passphrase")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangePassword_TooShort_RefusedByPolicy()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using var session = await Iam.SignInAsync(_server, user.UserName);

        using var response = await session.PostAsJsonAsync("/api/v1/auth/password", new ChangePasswordRequest(Iam.Password, "short-11chr"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("12");
    }

    [Fact]
    public async Task DisableUser_NextRequest_EndsSessionAndIsAudited()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var session = await Iam.SignInAsync(_server, user.UserName);
        using var adminSession = await Iam.SignInAsync(_server, admin.UserName);
        (await session.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await adminSession.PostAsync($"/api/v1/users/{user.Id:D}/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await session.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await adminSession.PostAsync($"/api/v1/users/{user.Id:D}/enable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old session stays ended after re-enabling");
        await using var db = _server.CreateDbContext();
        var types = await db.AuditEntries.Where(e => e.Subject == $"user:{user.UserName}").Select(e => e.Type).ToListAsync();
        types.Should().Contain([IamAuditEventTypes.UserDisabled, IamAuditEventTypes.UserEnabled]);
        (await db.AuditEntries.SingleAsync(e => e.Type == IamAuditEventTypes.UserDisabled && e.Subject == $"user:{user.UserName}")).Actor.Should().Be($"user:{admin.UserName}");
    }

    [Fact]
    public async Task RemoveRole_NextRequest_EndsSessionAndIsAudited()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Auditor, Roles.Viewer]);
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var session = await Iam.SignInAsync(_server, user.UserName);
        using var adminSession = await Iam.SignInAsync(_server, admin.UserName);
        (await session.GetAsync("/api/v1/audit")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var change = await adminSession.PutAsJsonAsync($"/api/v1/users/{user.Id:D}/roles", new SetRolesRequest([Roles.Viewer]));

        change.StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.GetAsync("/api/v1/audit")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var again = await Iam.SignInAsync(_server, user.UserName);
        (await again.GetAsync("/api/v1/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await again.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = _server.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Type == IamAuditEventTypes.UserRolesChanged && e.Subject == $"user:{user.UserName}");
        entry.Data.Should().Contain("\"before\":\"Auditor Viewer\"").And.Contain("\"after\":\"Viewer\"");
    }

    [Fact]
    public async Task RemoveLastAdmin_Refused()
    {
        await using var db = _server.CreateDbContext();
        var adminIds = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Admin select ur.UserId).ToListAsync();
        var admin = await Iam.CreateUserAsync(_server, [Roles.Admin]);
        using var adminSession = await Iam.SignInAsync(_server, admin.UserName);
        foreach (var id in adminIds)
        {
            (await adminSession.PostAsync($"/api/v1/users/{id:D}/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var response = await adminSession.PostAsync($"/api/v1/users/{admin.Id:D}/disable", null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("no enabled administrator");
        foreach (var id in adminIds)
        {
            (await adminSession.PostAsync($"/api/v1/users/{id:D}/enable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Totp_Enabled_SignInNeedsCurrentCode()
    {
        var user = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using (var session = await Iam.SignInAsync(_server, user.UserName))
        {
            var setup = (await (await session.PostAsync("/api/v1/auth/totp/setup", null)).Content.ReadFromJsonAsync<AuthenticatorSetup>())!;
            (await session.PostAsJsonAsync("/api/v1/auth/totp/enable", new TotpCodeRequest("000000x"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await session.PostAsJsonAsync("/api/v1/auth/totp/enable", new TotpCodeRequest(Iam.Totp(setup.SharedKey, DateTimeOffset.UtcNow)))).StatusCode.Should().Be(HttpStatusCode.NoContent);
            setup.AuthenticatorUri.Should().StartWith("otpauth://totp/");
            using var client = _server.CreateClient();

            using var withoutCode = await Iam.PostLoginAsync(client, user.UserName, Iam.Password);
            using var wrongCode = await Iam.PostLoginAsync(client, user.UserName, Iam.Password, "123456" == Iam.Totp(setup.SharedKey, DateTimeOffset.UtcNow) ? "654321" : "123456");
            using var rightCode = await Iam.PostLoginAsync(client, user.UserName, Iam.Password, Iam.Totp(setup.SharedKey, DateTimeOffset.UtcNow));

            withoutCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await withoutCode.Content.ReadAsStringAsync()).Should().Contain("totp-required");
            wrongCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            (await wrongCode.Content.ReadAsStringAsync()).Should().Contain("sign-in-failed");
            rightCode.StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task OtEngineer_SiteOfAnotherSite_NotFoundAndNotListed()
    {
        var fleet = _server.Get<FleetService>();
        var siteA = await fleet.CreateSiteAsync("A " + Guid.NewGuid().ToString("N"), "test", CancellationToken.None);
        var siteB = await fleet.CreateSiteAsync("B " + Guid.NewGuid().ToString("N"), "test", CancellationToken.None);
        var agentA = await fleet.CreateAgentAsync(siteA.Id, "agent-a", "test", CancellationToken.None);
        var agentB = await fleet.CreateAgentAsync(siteB.Id, "agent-b", "test", CancellationToken.None);
        var engineer = await Iam.CreateUserAsync(_server, [Roles.OtEngineer], [siteA.Id]);
        var viewer = await Iam.CreateUserAsync(_server, [Roles.Viewer]);
        using var session = await Iam.SignInAsync(_server, engineer.UserName);
        using var viewerSession = await Iam.SignInAsync(_server, viewer.UserName);

        var listed = await session.GetFromJsonAsync<List<SiteResponse>>("/api/v1/sites");

        listed!.Select(s => s.Id).Should().Equal(siteA.Id);
        (await session.GetAsync($"/api/v1/sites/{siteA.Id:D}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.GetAsync($"/api/v1/agents/{agentA.Id:D}")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var path in new[] { $"/api/v1/sites/{siteB.Id:D}", $"/api/v1/sites/{siteB.Id:D}/agents", $"/api/v1/agents/{agentB.Id:D}" })
        {
            using var response = await session.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain(siteB.Name).And.NotContain("agent-b");
        }

        (await viewerSession.GetFromJsonAsync<List<SiteResponse>>("/api/v1/sites"))!.Select(s => s.Id).Should().Contain([siteA.Id, siteB.Id]);
        (await viewerSession.GetAsync($"/api/v1/agents/{agentB.Id:D}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SiteAssignment_Removed_NextRequestEndsEngineerSession()
    {
        var fleet = _server.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("S " + Guid.NewGuid().ToString("N"), "test", CancellationToken.None);
        var engineer = await Iam.CreateUserAsync(_server, [Roles.OtEngineer], [site.Id]);
        using var session = await Iam.SignInAsync(_server, engineer.UserName);
        (await session.GetAsync($"/api/v1/sites/{site.Id:D}")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetSitesAsync(engineer.Id, [], "test", CancellationToken.None);
        }

        (await session.GetAsync($"/api/v1/sites/{site.Id:D}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan Elapsed)> TimedLoginAsync(HttpClient client, string userName, string password)
    {
        var watch = Stopwatch.StartNew();
        using var response = await Iam.PostLoginAsync(client, userName, password);
        var elapsed = watch.Elapsed;
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return (response.StatusCode, body.ToJsonString(), elapsed);
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
}

public sealed class SignInSqliteTests(SqliteTrustFixture fixture) : SignInTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class SignInPostgreSqlTests(PostgreSqlTrustFixture fixture) : SignInTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
