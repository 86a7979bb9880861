using Microsoft.Extensions.Options;
using Proxus.Server.Data;
using Proxus.Server.Data.Migrations;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Data;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void For_BothProviders_HaveTheSameVersionsAndNames()
    {
        var sqlite = MigrationCatalog.For(DatabaseProvider.Sqlite);
        var postgres = MigrationCatalog.For(DatabaseProvider.PostgreSql);

        sqlite.Should().NotBeEmpty();
        sqlite.Select(m => (m.Version, m.Name)).Should().Equal(postgres.Select(m => (m.Version, m.Name)));
        sqlite.Select(m => m.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        sqlite[0].Version.Should().Be(1);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("CreatedAt")]
    [InlineData("SiteId")]
    [InlineData("PreviousHash")]
    public void ToSnakeCase_PropertyNames_MatchSqlColumns(string property)
    {
        var expected = new Dictionary<string, string>
        {
            ["Name"] = "name",
            ["CreatedAt"] = "created_at",
            ["SiteId"] = "site_id",
            ["PreviousHash"] = "previous_hash",
        };

        ProxusDbContext.ToSnakeCase(property).Should().Be(expected[property]);
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_FailsValidation()
    {
        var database = new TestDatabase(DatabaseProvider.PostgreSql, null, Path.Combine(Path.GetTempPath(), "proxus-unused-" + Guid.NewGuid().ToString("N")));

        var start = () => TrustHost.StartAsync(database);

        (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*ConnectionStrings:Proxus is empty*");
    }

    [Fact]
    public async Task Start_UnknownProvider_FailsValidation()
    {
        var database = new TestDatabase(DatabaseProvider.Sqlite, null, Path.Combine(Path.GetTempPath(), "proxus-unused-" + Guid.NewGuid().ToString("N")));

        var start = () => TrustHost.StartAsync(database, settings => settings["Database:Provider"] = "Oracle");

        (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*Database:Provider must be*");
    }
}
