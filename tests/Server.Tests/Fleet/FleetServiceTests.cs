using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Fleet;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Fleet;

/// <summary>Sites' UNS prefixes: validated, unique, assignable later, audited.</summary>
public sealed class FleetServiceTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private FleetService Fleet => fixture.Host.Get<FleetService>();

    [Fact]
    public async Task CreateSite_WithPrefix_StoredAndAudited()
    {
        var prefix = NewPrefix();

        var site = await Fleet.CreateSiteAsync(NewName(), prefix, "admin:test", CancellationToken.None);

        await using var db = fixture.Host.CreateDbContext();
        (await db.Sites.SingleAsync(s => s.Id == site.Id)).UnsPrefix.Should().Be(prefix);
        (await db.AuditEntries.SingleAsync(e => e.Subject == $"site:{site.Id:D}")).Data.Should().Contain(prefix);
    }

    [Fact]
    public async Task CreateSite_PrefixOfAnotherSite_RefusedAndNothingStored()
    {
        var prefix = NewPrefix();
        await Fleet.CreateSiteAsync(NewName(), prefix, "admin:test", CancellationToken.None);
        var name = NewName();

        var create = () => Fleet.CreateSiteAsync(name, prefix, "admin:test", CancellationToken.None);

        await create.Should().ThrowAsync<ArgumentException>().WithMessage("*belongs to another site*");
        await using var db = fixture.Host.CreateDbContext();
        (await db.Sites.AnyAsync(s => s.Name == name)).Should().BeFalse();
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("Acme/Site/Area")]
    [InlineData("Acme/#")]
    public async Task CreateSite_InvalidPrefix_Refused(string prefix)
    {
        var create = () => Fleet.CreateSiteAsync(NewName(), prefix, "admin:test", CancellationToken.None);

        await create.Should().ThrowAsync<ArgumentException>().WithMessage("*Invalid UNS prefix*");
    }

    [Fact]
    public async Task SetUnsPrefix_SiteWithoutOne_AssignedAndAudited()
    {
        var site = await Fleet.CreateSiteAsync(NewName(), "admin:test", CancellationToken.None);
        var prefix = NewPrefix();

        await Fleet.SetUnsPrefixAsync(site.Id, prefix, "admin:test", CancellationToken.None);

        await using var db = fixture.Host.CreateDbContext();
        (await db.Sites.SingleAsync(s => s.Id == site.Id)).UnsPrefix.Should().Be(prefix);
        (await db.AuditEntries.SingleAsync(e => e.Type == AuditEventTypes.SiteUnsPrefixSet && e.Subject == $"site:{site.Id:D}")).Data.Should().Contain(prefix);
    }

    [Fact]
    public async Task SetUnsPrefix_UnknownSite_Throws()
    {
        var set = () => Fleet.SetUnsPrefixAsync(Guid.NewGuid(), NewPrefix(), "admin:test", CancellationToken.None);

        await set.Should().ThrowAsync<KeyNotFoundException>();
    }

    private static string NewPrefix() => "Acme/Fleet" + Guid.NewGuid().ToString("N")[..12];

    private static string NewName() => "Fleet site " + Guid.NewGuid().ToString("N");
}
