using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Proxus.Server.Data;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Pki;
using Proxus.Server.Tests.Support;
using Proxus.TestSupport;

namespace Proxus.Server.Tests.Enrollment;

/// <summary>
/// Scans everything the server persisted — the whole database and every file of the data
/// directory — for a private key, an enrollment token, a client secret or a password in any plain
/// encoding.
/// </summary>
public abstract class SecretStorageTests(TrustFixture fixture)
{
    [Fact]
    public async Task Persisted_AfterEnrollment_NoPlaintextPrivateKeyOrToken()
    {
        var host = fixture.Host;
        var fleet = host.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Scan " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        var agent = await fleet.CreateAgentAsync(site.Id, "agent", "admin:test", CancellationToken.None);
        var enrollment = host.Get<EnrollmentService>();
        var used = await enrollment.CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        var unused = await enrollment.CreateTokenAsync(agent.Id, "admin:test", null, CancellationToken.None);
        var (agentKey, csr) = Csr.CreateEc();
        using var _ = agentKey;
        (await enrollment.EnrollAsync(new EnrollmentRequest(used.Token, csr), "127.0.0.1", CancellationToken.None)).Succeeded.Should().BeTrue();
        var client = await host.Get<MachineClientService>().CreateAsync("scan", Scopes.UnsRead, "admin:test", CancellationToken.None);
        CreatedUser user;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            user = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("scan-" + Guid.NewGuid().ToString("N")[..8], [Roles.Viewer], "admin:test", CancellationToken.None);
        }

        var secrets = await CollectSecretsAsync(host, agentKey, used.Token, unused.Token);
        secrets.Add(("a client secret", Encoding.UTF8.GetBytes(client.ClientSecret)));
        secrets.Add(("a client secret (secret part)", Encoding.UTF8.GetBytes(client.ClientSecret[MachineClientService.SecretPrefix.Length..])));
        secrets.Add(("a one-time password", Encoding.UTF8.GetBytes(user.OneTimePassword)));

        var stored = await ReadEverythingPersistedAsync(host.Database);

        var storedHash = EnrollmentService.HashToken(used.Token);
        var control = host.Database.Provider == DatabaseProvider.PostgreSql ? Encoding.ASCII.GetBytes(Convert.ToHexStringLower(storedHash)) : storedHash;
        stored.Any(s => s.Bytes.AsSpan().IndexOf(control) >= 0).Should().BeTrue("the scan sees the database content (the token's hash is there)");
        foreach (var (name, pattern) in secrets)
        {
            foreach (var (source, bytes) in stored)
            {
                bytes.AsSpan().IndexOf(pattern).Should().Be(-1, $"{name} must not appear in plain form in {source}");
            }
        }
    }

    private static async Task<List<(string Name, byte[] Pattern)>> CollectSecretsAsync(TrustHost host, ECDsa agentKey, params string[] tokens)
    {
        var keys = new List<(string Name, ECDsa Key)> { ("agent key", agentKey) };
        await using (var db = host.CreateDbContext())
        {
            foreach (var credential in await db.PkiCredentials.ToListAsync())
            {
                keys.Add((credential.Purpose + " key", host.Get<PrivateKeyProtector>().UnprotectECDsa(credential.EncryptedPrivateKey)));
            }
        }

        keys.Select(k => k.Name).Should().Contain(["RootCa key", "IssuingCa key", "ServerTls key", "ConfigurationSigning key", "AuditSigning key", "AccessTokenSigning key"]);
        var secrets = new List<(string, byte[])> { ("a PEM private key marker", "PRIVATE KEY"u8.ToArray()) };
        foreach (var (name, key) in keys)
        {
            var scalar = key.ExportParameters(true).D!;
            var pkcs8 = key.ExportPkcs8PrivateKey();
            secrets.Add(($"{name} (raw scalar)", scalar));
            secrets.Add(($"{name} (hex scalar)", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(scalar))));
            secrets.Add(($"{name} (HEX scalar)", Encoding.ASCII.GetBytes(Convert.ToHexString(scalar))));
            secrets.Add(($"{name} (PKCS#8 DER)", pkcs8));
            secrets.Add(($"{name} (PKCS#8 base64)", Encoding.ASCII.GetBytes(Convert.ToBase64String(pkcs8)[..40])));
        }

        foreach (var token in tokens)
        {
            secrets.Add(("an enrollment token", Encoding.UTF8.GetBytes(token)));
            secrets.Add(("an enrollment token (secret part)", Encoding.UTF8.GetBytes(token[EnrollmentService.TokenPrefix.Length..])));
        }

        return secrets;
    }

    private static async Task<List<(string Source, byte[] Bytes)>> ReadEverythingPersistedAsync(TestDatabase database)
    {
        var stored = new List<(string, byte[])>();
        foreach (var file in Directory.EnumerateFiles(database.DataDirectory, "*", SearchOption.AllDirectories))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            stored.Add((file, copy.ToArray()));
        }

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            await using var dump = await ExternalProcess.RunAsync(
                Path.Combine(PostgresServer.BinDirectory, "pg_dump"),
                ["-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, "--data-only", connection.Database!],
                TimeSpan.FromSeconds(60));
            dump.ExitCode.Should().Be(0, dump.StandardError);
            dump.StandardOutput.Should().Contain("COPY public.pki_credentials");
            stored.Add(("pg_dump", Encoding.UTF8.GetBytes(dump.StandardOutput)));
        }
        else
        {
            stored.Select(s => Path.GetFileName(s.Item1)).Should().Contain(DatabaseOptions.SqliteFileName);
        }

        return stored;
    }
}

public sealed class SecretStorageSqliteTests(SqliteTrustFixture fixture) : SecretStorageTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class SecretStoragePostgreSqlTests(PostgreSqlTrustFixture fixture) : SecretStorageTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
