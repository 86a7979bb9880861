using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Observability;

/// <summary>
/// Runs the sensitive flows with every logger at Trace (ASP.NET Core, EF Core, ours) and checks that
/// no secret used in them appears anywhere in what was logged: messages, structured values,
/// exceptions, scopes.
/// </summary>
public sealed class SecretsInLogsTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private const string WrongPassword = "Wrong-Password-0042!";
    private const string WrongScrapeToken = "not-the-scrape-token-4711";

    [Fact]
    public async Task SensitiveFlows_EveryLogLevel_NoSecretLogged()
    {
        var logs = new RecordingLoggerProvider();
        var database = await fixture.CreateDatabaseAsync();
        var secrets = new List<string> { Iam.Password, WrongPassword, TrustWebHost.ScrapeToken, WrongScrapeToken };
        await using (var server = await TrustWebHost.StartAsync(database, withBroker: true, logs: logs))
        {
            // Passwords: a sign-in, a wrong one, a one-time password and its change.
            var user = await Iam.CreateUserAsync(server, [Roles.Admin]);
            using (await Iam.SignInAsync(server, user.UserName))
            {
            }

            using var anonymous = server.CreateClient();
            (await Iam.PostLoginAsync(anonymous, user.UserName, WrongPassword)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var pending = await Iam.CreatePendingUserAsync(server, [Roles.Viewer]);
            secrets.Add(pending.OneTimePassword);
            using (var session = await Iam.SignInAsync(server, pending.User.UserName, pending.OneTimePassword))
            {
                const string NewPassword = "brand-new-secret-77";
                secrets.Add(NewPassword);
                (await session.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = pending.OneTimePassword, newPassword = NewPassword })).IsSuccessStatusCode.Should().BeTrue();
            }

            // Client secrets and the bearer tokens issued for them.
            var client = await Iam.CreateMachineClientAsync(server, Scopes.ConfigRead);
            secrets.Add(client.ClientSecret);
            var token = await Iam.TokenAsync(server, client);
            secrets.Add(token);
            using (var bearer = Iam.BearerClient(server, token))
            {
                (await bearer.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.OK);
            }

            (await Iam.RequestTokenAsync(anonymous, client.Client.ClientId.ToString(), client.ClientSecret + "x")).IsSuccessStatusCode.Should().BeFalse();
            using (var forged = Iam.BearerClient(server, token[..^4] + "AAAA"))
            {
                (await forged.GetAsync("/api/v1/sites")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }

            // An enrollment token used once, then replayed; the agent's private key never leaves it.
            var site = await server.Get<FleetService>().CreateSiteAsync("Secrets site", null, "admin:test", CancellationToken.None);
            var agent = await server.Get<FleetService>().CreateAgentAsync(site.Id, "secrets-agent", "admin:test", CancellationToken.None);
            var enrollment = await server.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
            secrets.Add(enrollment.Token);
            var (key, csr) = Csr.CreateEc();
            using (key)
            {
                (await anonymous.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(enrollment.Token, csr))).StatusCode.Should().Be(HttpStatusCode.OK);
                (await anonymous.PostAsJsonAsync("/api/v1/enrollment", new EnrollmentRequest(enrollment.Token, csr))).IsSuccessStatusCode.Should().BeFalse();
            }

            // Scrapes with the right and a wrong token.
            using var scraper = server.CreateClient();
            scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TrustWebHost.ScrapeToken);
            (await scraper.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
            scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WrongScrapeToken);
            (await scraper.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var entries = logs.Entries.ToList();
        entries.Should().Contain(e => e.Level == LogLevel.Debug || e.Level == LogLevel.Trace, "the loggers ran at their most verbose");
        foreach (var secret in secrets)
        {
            entries.Should().NotContain(e => e.Text.Contains(secret, StringComparison.Ordinal), $"the secret '{secret[..4]}...' must never be logged");
        }

        entries.Should().NotContain(e => e.Text.Contains("PRIVATE KEY", StringComparison.Ordinal), "no private key is ever logged");
    }
}
