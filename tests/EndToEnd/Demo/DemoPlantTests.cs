using System.Text;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;
using Proxus.Demo;

namespace Proxus.EndToEnd.Tests.Demo;

public sealed class DemoPlantTests
{
    private static readonly DemoPorts Ports = new(18443, 18883, 11883, 15020, 11102, 15021);

    [Fact]
    public void TagMap_EverySite_ImportsWithoutErrorsAndNamesItsAgent()
    {
        foreach (var site in DemoPlant.Sites)
        {
            var result = TagMapYaml.Read(Encoding.UTF8.GetBytes(DemoPlant.TagMap(site, Ports)), new Site(site.Enterprise, site.SiteLevel));

            result.Errors.Should().BeEmpty(site.TagMapFile);
            result.TagMap!.Connections.Should().OnlyContain(c => c.Agent == site.AgentName);
            result.TagMap.Tags.Should().HaveCountGreaterThanOrEqualTo(10);
        }
    }

    [Fact]
    public void TagMap_PressLine_UsesTheChosenSimulatorPorts()
    {
        var press = DemoPlant.Sites.Single(s => s.SiteLevel == "Stuttgart");

        var yaml = DemoPlant.TagMap(press, Ports);

        yaml.Should().Contain("port: 15020").And.Contain("port: 11102").And.NotContain("{{");
    }

    [Fact]
    public void TagMap_PressLine_HasWritableTagsWithLimitsOnAWritesEnabledSite()
    {
        var press = DemoPlant.Sites.Single(s => s.WritesEnabled);

        var map = TagMapYaml.Read(Encoding.UTF8.GetBytes(DemoPlant.TagMap(press, Ports)), new Site(press.Enterprise, press.SiteLevel)).TagMap!;

        map.Tags.Where(t => t.Writable).Should().NotBeEmpty().And.OnlyContain(t => t.WriteMin != null && t.WriteMax != null);
    }

    [Fact]
    public void TagMap_Utilities_ConvertsUnitsAndScales()
    {
        var utilities = DemoPlant.Sites.Single(s => s.SiteLevel == "Leipzig");

        var map = TagMapYaml.Read(Encoding.UTF8.GetBytes(DemoPlant.TagMap(utilities, Ports)), new Site(utilities.Enterprise, utilities.SiteLevel)).TagMap!;

        map.Tags.Should().Contain(t => t.Scaling != null);
        map.Tags.Should().Contain(t => t.Unit != null && t.SourceUnit != null && t.Unit != t.SourceUnit);
    }

    [Fact]
    public void Users_OnePerRoleBesidesTheAdministrator()
    {
        DemoPlant.Users.Select(u => u.Role).Should().BeEquivalentTo(["OtEngineer", "Approver", "Auditor", "Viewer"]);
        DemoPlant.Users.Select(u => u.UserName).Should().NotContain(DemoPlant.AdminUserName).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void PressPlcArguments_DefineTheDataBlockOfTheTagMap()
    {
        var arguments = DemoPlant.PressPlcArguments().ToList();

        arguments.Should().ContainInOrder("--db", "40:64");
        arguments.Where(a => a.StartsWith("DB40.", StringComparison.Ordinal)).Should().HaveCountGreaterThanOrEqualTo(5);
    }

    [Fact]
    public void Create_Password_IsTwentyRandomCharactersInGroupsOfFive()
    {
        var first = Passwords.Create();
        var second = Passwords.Create();

        first.Should().MatchRegex("^[a-z2-9]{5}(-[a-z2-9]{5}){3}$");
        first.Should().NotBe(second);
    }
}
