using Proxus.Server.Fleet;

namespace Proxus.Server.Tests.Mqtt;

public sealed class SiteUnsPrefixTests
{
    [Theory]
    [InlineData("Acme/SiteA")]
    [InlineData("ACME-Corp/Plant_1.North")]
    public void TryValidate_TwoValidLevels_Valid(string prefix)
    {
        SiteUnsPrefix.TryValidate(prefix, out var error).Should().BeTrue(error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("Acme/SiteA/Area")]
    [InlineData("Acme/")]
    [InlineData("/SiteA")]
    [InlineData("Acme/+")]
    [InlineData("Acme/#")]
    [InlineData("Acme/Site A")]
    [InlineData("Acme/..")]
    [InlineData("$SYS/broker")]
    [InlineData("Acme/Site\u0000")]
    public void TryValidate_Invalid_RefusedWithReason(string? prefix)
    {
        SiteUnsPrefix.TryValidate(prefix, out var error).Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }
}
