using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Proxus.Interop.Tests.Monitoring.Support;
using Proxus.Server.Audit;
using Proxus.Server.Data;
using Proxus.Server.Hosting;
using Proxus.Server.Monitoring;

namespace Proxus.Interop.Tests.Monitoring;

/// <summary>
/// Issue #5: the server sends its signed audit head to syslog periodically, so that rsyslog — a
/// system outside the server — holds tamper evidence that verifies with the audit-signing key.
/// </summary>
public sealed class AuditHeadExportTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proxus-audit-head-").FullName;
    private Rsyslog _rsyslog = null!;
    private IHost _server = null!;

    public async Task InitializeAsync()
    {
        _rsyslog = await Rsyslog.StartAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Server:DataDirectory"] = Path.Combine(_directory, "server"),
            ["Monitoring:Syslog:Host"] = "127.0.0.1",
            ["Monitoring:Syslog:Port"] = _rsyslog.TcpPort.ToString(CultureInfo.InvariantCulture),
            ["Monitoring:Syslog:Transport"] = "Tcp",
            ["Monitoring:Syslog:Hostname"] = "proxus-audit",
            ["Monitoring:Syslog:AuditHeadInterval"] = "00:00:01",
        });
        builder.AddProxusTrust();
        _server = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await _server.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _server.StopAsync(timeout.Token);
        _server.Dispose();
        await _rsyslog.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Export_Periodic_RsyslogHoldsSignedHeadOfTheChain()
    {
        // An audited action, so that the head moves; the exporter sends the newest head each second.
        await _server.Services.GetRequiredService<AuditLog>().AppendAsync(new AuditEvent("test.marker", "system", "test:" + Guid.NewGuid().ToString("N")), CancellationToken.None);
        long newest;
        await using (var db = await _server.Services.GetRequiredService<IDbContextFactory<ProxusDbContext>>().CreateDbContextAsync())
        {
            newest = await db.AuditEntries.MaxAsync(e => e.Sequence);
        }

        var line = await WaitForHeadAsync(newest);

        line.Hostname.Should().Be("proxus-audit");
        line.Priority.Should().Be((10 * 8) + 6, "informational");
        var element = line.StructuredData[AuditHeadSyslogExporter.ElementId];
        var head = new SignedAuditHead(long.Parse(element["sequence"], CultureInfo.InvariantCulture), element["hash"], DateTimeOffset.Parse(element["timestamp"], CultureInfo.InvariantCulture), element["signature"]);
        var store = _server.Services.GetRequiredService<AuditHeadStore>();
        store.VerifySignature(head).Should().BeTrue("the head received by rsyslog verifies with the audit-signing key");
        store.VerifySignature(head with { Sequence = head.Sequence - 1 }).Should().BeFalse("a shortened chain cannot reuse the signature");

        // What the collector does on its own: verify with the public key the message carries (pinned at first sight).
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(element["publicKey"]), out _);
        var signed = SignedAuditHead.SignedBytes(head.Sequence, Convert.FromHexString(head.Hash), head.Timestamp);
        key.VerifyData(signed, Convert.FromBase64String(head.Signature), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .Should().BeTrue();
        (await _server.Services.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None)).Should().NotBeNull();
        await using var reader = await _server.Services.GetRequiredService<IDbContextFactory<ProxusDbContext>>().CreateDbContextAsync();
        var entry = await reader.AuditEntries.SingleAsync(e => e.Sequence == head.Sequence);
        Convert.ToHexStringLower(entry.Hash).Should().Be(head.Hash);
    }

    private async Task<Rfc5424Line> WaitForHeadAsync(long sequence)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var heads = (await _rsyslog.LinesAsync(_rsyslog.MessagesPath))
                .Where(l => l.Contains(" AUDIT-HEAD ", StringComparison.Ordinal))
                .Select(Rfc5424Line.Parse)
                .Where(l => long.Parse(l.StructuredData[AuditHeadSyslogExporter.ElementId]["sequence"], CultureInfo.InvariantCulture) >= sequence)
                .ToList();
            if (heads.Count > 0)
            {
                return heads[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"rsyslog received no audit head at sequence {sequence} or later.");
            }

            await Task.Delay(100);
        }
    }
}
