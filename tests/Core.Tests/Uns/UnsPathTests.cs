using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Core.Tests.Uns;

public sealed class UnsPathTests
{
    [Theory]
    [InlineData("Acme/SiteA/Press/Line1/Press_Machine/Temperature_C")]
    [InlineData("Acme/SiteA/Press/Line1/Press-2/Spindle/Motor/Temp.Avg")]
    [InlineData("a/b/c/d/e/f")]
    public void TryParse_ValidPath_ReturnsLevels(string text)
    {
        UnsPath.TryParse(text, out var path, out var error).Should().BeTrue();
        error.Should().BeNull();
        path!.Value.Should().Be(text);
        path.Levels.Should().Equal(text.Split('/'));
        path.TagName.Should().Be(text.Split('/')[^1]);
    }

    [Fact]
    public void Parse_IsaPath_NamesTheLevels()
    {
        var path = UnsPath.Parse("Acme/SiteA/Press/Line1/Press_Machine/Temperature_C");

        path.Enterprise.Should().Be("Acme");
        path.Site.Should().Be("SiteA");
        path.Area.Should().Be("Press");
        path.Line.Should().Be("Line1");
        path.Machine.Should().Be("Press_Machine");
        path.TagName.Should().Be("Temperature_C");
    }

    [Theory]
    [InlineData("", UnsPathErrorCode.Empty, "the path is empty")]
    [InlineData("/Acme/SiteA/Press/Line1/M/T", UnsPathErrorCode.LeadingSlash, "the path starts with '/'")]
    [InlineData("Acme/SiteA/Press/Line1/M/T/", UnsPathErrorCode.TrailingSlash, "the path ends with '/'")]
    [InlineData("Acme/SiteA//Line1/M/T", UnsPathErrorCode.EmptyLevel, "level 3 is empty ('//')")]
    [InlineData("Acme/SiteA/+/Line1/M/T", UnsPathErrorCode.Wildcard, "the MQTT wildcard '+' at position 12 is not allowed")]
    [InlineData("Acme/SiteA/Press/Line1/M/#", UnsPathErrorCode.Wildcard, "the MQTT wildcard '#' at position 26 is not allowed")]
    [InlineData("$SYS/SiteA/Press/Line1/M/T", UnsPathErrorCode.ReservedPrefix, "the path starts with '$', which is reserved for broker system topics")]
    [InlineData("Acme/Site A/Press/Line1/M/T", UnsPathErrorCode.InvalidCharacter, "the character U+0020 at position 10 is not allowed (letters A-Z a-z, digits 0-9, '_', '-', '.')")]
    [InlineData("Acme/SiteA/Prüfung/Line1/M/T", UnsPathErrorCode.InvalidCharacter, "the character 'ü' at position 14 is not allowed (letters A-Z a-z, digits 0-9, '_', '-', '.')")]
    [InlineData("Acme/SiteA/Pr$ss/Line1/M/T", UnsPathErrorCode.InvalidCharacter, "the character '$' at position 14 is not allowed (letters A-Z a-z, digits 0-9, '_', '-', '.')")]
    [InlineData("Acme/SiteA/../Line1/M/T", UnsPathErrorCode.DotLevel, "level 3 is '..', which is not allowed")]
    [InlineData("Acme/SiteA/Press/Line1/M", UnsPathErrorCode.TooFewLevels, "the path has 5 levels; it needs at least 6 (Enterprise/Site/Area/Line/Machine/Tag)")]
    [InlineData("a/b/c/d/e/f/g/h/i", UnsPathErrorCode.TooManyLevels, "the path has 9 levels; the limit is 8")]
    public void TryParse_BrokenRule_ReturnsPreciseError(string text, UnsPathErrorCode code, string message)
    {
        UnsPath.TryParse(text, out var path, out var error).Should().BeFalse();

        path.Should().BeNull();
        error!.Code.Should().Be(code);
        error.Message.Should().Be(message);
    }

    [Fact]
    public void TryParse_LevelOver64Characters_ReturnsLevelTooLong()
    {
        var text = "Acme/SiteA/" + new string('x', 65) + "/Line1/M/T";

        UnsPath.TryParse(text, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(UnsPathErrorCode.LevelTooLong);
        error.Message.Should().Be("level 3 is 65 characters long; the limit is 64");
    }

    [Fact]
    public void TryParse_PathOver256Characters_ReturnsTooLong()
    {
        var level = new string('x', 60);
        var text = string.Join('/', Enumerable.Repeat(level, 5)) + "/T";

        UnsPath.TryParse(text, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(UnsPathErrorCode.TooLong);
        error.Message.Should().Be($"the path is {text.Length} characters long; the limit is 256");
    }

    [Fact]
    public void TryParse_Exactly256Characters_IsValid()
    {
        var text = string.Join('/', Enumerable.Repeat(new string('x', 50), 5)) + "/" + new string('t', 1);
        text.Length.Should().Be(256);

        UnsPath.TryParse(text, out _, out _).Should().BeTrue();
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheRule()
    {
        var act = () => UnsPath.Parse("Acme/SiteA");

        act.Should().Throw<FormatException>().WithMessage("the path has 2 levels*");
    }

    [Fact]
    public void IsBelow_SamePrefix_TrueAndCaseSensitive()
    {
        var path = UnsPath.Parse("Acme/SiteA/Press/Line1/M/T");

        path.IsBelow(new Site("Acme", "SiteA")).Should().BeTrue();
        path.IsBelow(new Site("Acme", "sitea")).Should().BeFalse();
        path.IsBelow(new Site("Acme", "SiteB")).Should().BeFalse();
    }

    [Fact]
    public void Equality_IsOrdinal()
    {
        UnsPath.Parse("a/b/c/d/e/f").Should().Be(UnsPath.Parse("a/b/c/d/e/f"));
        (UnsPath.Parse("a/b/c/d/e/f") == UnsPath.Parse("a/b/c/d/e/F")).Should().BeFalse();
    }

    [Theory]
    [InlineData("Acme", null)]
    [InlineData("", "the name is empty")]
    [InlineData("A/B", "the character '/' at position 2 is not allowed (letters A-Z a-z, digits 0-9, '_', '-', '.')")]
    [InlineData("..", "the name '..' is not allowed")]
    public void CheckLevelName_ReturnsRuleOrNull(string name, string? expected)
    {
        UnsPathRules.CheckLevelName(name).Should().Be(expected);
    }
}
