using Microsoft.EntityFrameworkCore;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Enrollment;

public abstract class EnrollmentServiceTests(TrustFixture fixture)
{
    [Fact]
    public async Task CreateToken_Stored_OnlyAsSha256Hash()
    {
        var agent = await CreateAgentAsync();

        var token = await fixture.Host.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", TimeSpan.FromHours(1), CancellationToken.None);

        token.Token.Should().StartWith(EnrollmentService.TokenPrefix).And.HaveLength(47);
        await using var db = fixture.Host.CreateDbContext();
        var stored = await db.EnrollmentTokens.SingleAsync(t => t.Id == token.TokenId);
        stored.TokenHash.Should().Equal(EnrollmentService.HashToken(token.Token));
        (stored.ExpiresAt - stored.CreatedAt).Should().Be(TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(8 * 24 * 3600)]
    public async Task CreateToken_LifetimeOutOfRange_Throws(int seconds)
    {
        var agent = await CreateAgentAsync();

        var create = () => fixture.Host.Get<EnrollmentService>().CreateTokenAsync(agent.Id, "admin:test", TimeSpan.FromSeconds(seconds), CancellationToken.None);

        await create.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task CreateToken_UnknownAgent_ThrowsAndStoresNothing()
    {
        var create = () => fixture.Host.Get<EnrollmentService>().CreateTokenAsync(Guid.NewGuid(), "admin:test", null, CancellationToken.None);

        await create.Should().ThrowAsync<KeyNotFoundException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task CreateSite_InvalidName_Throws(string name)
    {
        var create = () => fixture.Host.Get<FleetService>().CreateSiteAsync(name, "admin:test", CancellationToken.None);

        await create.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task CreateAgent_UnknownSite_Throws()
    {
        var create = () => fixture.Host.Get<FleetService>().CreateAgentAsync(Guid.NewGuid(), "agent", "admin:test", CancellationToken.None);

        await create.Should().ThrowAsync<KeyNotFoundException>();
    }

    [Fact]
    public async Task RevokeCertificate_UnknownSerial_ReturnsFalse()
        => (await fixture.Host.Get<EnrollmentService>().RevokeCertificateAsync("00AB", System.Security.Cryptography.X509Certificates.X509RevocationReason.Unspecified, "admin:test", CancellationToken.None)).Should().BeFalse();

    private async Task<Agent> CreateAgentAsync()
    {
        var fleet = fixture.Host.Get<FleetService>();
        var site = await fleet.CreateSiteAsync("Site " + Guid.NewGuid().ToString("N"), "admin:test", CancellationToken.None);
        return await fleet.CreateAgentAsync(site.Id, "agent", "admin:test", CancellationToken.None);
    }
}

public sealed class EnrollmentServiceSqliteTests(SqliteTrustFixture fixture) : EnrollmentServiceTests(fixture), IClassFixture<SqliteTrustFixture>;

[Collection(PostgresCollection.Name)]
public sealed class EnrollmentServicePostgreSqlTests(PostgreSqlTrustFixture fixture) : EnrollmentServiceTests(fixture), IClassFixture<PostgreSqlTrustFixture>;
