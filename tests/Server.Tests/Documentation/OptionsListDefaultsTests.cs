namespace Proxus.Server.Tests.Documentation;

/// <summary>
/// The configuration binder adds configured items to a list that already holds some, so a list
/// setting with default items could never be narrowed by configuration (a default <c>#</c> filter
/// stayed subscribed next to the configured one): every list setting of the server starts empty.
/// </summary>
public sealed class OptionsListDefaultsTests
{
    [Fact]
    public void ListSettings_EveryOneOfTheServer_StartsEmpty()
    {
        var lists = ConfigurationReference.ServerSettings().Where(s => s.EnvironmentVariable.EndsWith("__0", StringComparison.Ordinal)).ToList();

        lists.Select(s => s.Key).Should().Contain(["MqttConsumer:UnsFilters", "Pki:ServerHostNames", "Monitoring:Rules:Disabled"]);
        lists.Should().OnlyContain(s => s.Default == ConfigurationReference.None, "a default item would stay next to the configured ones");
    }
}
