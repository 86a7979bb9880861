using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Fleet;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Fleet;

/// <summary>Sites' UNS prefixes: validated, unique, stored as the site's namespace (the one source of truth), audited.</summary>
public sealed class FleetServiceTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    private FleetService Fleet => fixture.Host.Get<FleetService>();

    [Fact]
    public async Task CreateSite_WithPrefix_StoredAndAudited()
    {
        var prefix = NewPrefix();

        var site = await Fleet.CreateSiteAsync(NewName(), prefix, "admin:test", CancellationToken.None);

        await using var db = fixture.Host.CreateDbContext();
        var ns = await db.SiteNamespaces.SingleAsync(n => n.SiteId == site.Id);
        ns.ToModel().Prefix.Should().Be(prefix);
        (await db.AuditEntries.Where(e => e.Subject == $"site:{site.Id:D}").OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync())
            .Should().Equal(AuditEventTypes.SiteCreated, AuditEventTypes.SiteNamespaceSet);
        (await db.AuditEntries.OrderBy(e => e.Sequence).FirstAsync(e => e.Subject == $"site:{site.Id:D}")).Data.Should().Contain(prefix);
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
    public async Task CreateSite_PrefixThatIsAnotherSitesNamespace_Refused()
    {
        var other = await Fleet.CreateSiteAsync(NewName(), "admin:test", CancellationToken.None);
        var siteName = "Ns" + Guid.NewGuid().ToString("N")[..12];
        await fixture.Host.Get<TagMapService>().SetNamespaceAsync(other.Id, "Acme", siteName, "admin:test", CancellationToken.None);

        var create = () => Fleet.CreateSiteAsync(NewName(), "Acme/" + siteName, "admin:test", CancellationToken.None);

        await create.Should().ThrowAsync<ArgumentException>().WithMessage("*belongs to another site*");
    }

    [Fact]
    public async Task SetNamespace_SiteCreatedWithPrefix_OnlyTheSameValueAccepted()
    {
        var prefix = NewPrefix();
        var site = await Fleet.CreateSiteAsync(NewName(), prefix, "admin:test", CancellationToken.None);
        var tagMaps = fixture.Host.Get<TagMapService>();

        var same = await tagMaps.SetNamespaceAsync(site.Id, "Acme", prefix.Split('/')[1], "admin:test", CancellationToken.None);
        var change = () => tagMaps.SetNamespaceAsync(site.Id, "Acme", "Elsewhere" + Guid.NewGuid().ToString("N")[..8], "admin:test", CancellationToken.None);

        same.ToModel().Prefix.Should().Be(prefix);
        await change.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot change*");
    }

    private static string NewPrefix() => "Acme/Fleet" + Guid.NewGuid().ToString("N")[..12];

    private static string NewName() => "Fleet site " + Guid.NewGuid().ToString("N");
}
