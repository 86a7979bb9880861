using Microsoft.Extensions.Options;
using Proxus.Server.Monitoring;
using Proxus.Server.Tests.Support;

namespace Proxus.Server.Tests.Monitoring;

public sealed class MonitoringOptionsValidatorTests(SqliteTrustFixture fixture) : IClassFixture<SqliteTrustFixture>
{
    [Fact]
    public void Validate_Defaults_Succeed()
        => new MonitoringOptionsValidator().Validate(null, new MonitoringOptions()).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("Monitoring:Rules:AuthenticationFailureThreshold", "0", "AuthenticationFailureThreshold")]
    [InlineData("Monitoring:Rules:AclDenialWindow", "00:00:00", "AclDenialWindow")]
    [InlineData("Monitoring:Rules:RateFactor", "1", "RateFactor")]
    [InlineData("Monitoring:Rules:RateSmoothing", "1.5", "RateSmoothing")]
    [InlineData("Monitoring:Rules:Disabled:0", "no-such-rule", "unknown rule")]
    [InlineData("Monitoring:EvaluationInterval", "00:00:00.100", "EvaluationInterval")]
    [InlineData("Monitoring:Webhook:Url", "http://siem.example.com/hook", "Webhook:Url")]
    [InlineData("Monitoring:Webhook:Url", "https://siem.example.com/hook", "Webhook:Secret")]
    public async Task Start_InvalidSetting_RefusedNamingIt(string key, string value, string named)
    {
        var database = await fixture.CreateDatabaseAsync();

        var start = () => TrustHost.StartAsync(database, settings => settings[key] = value);

        (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage($"*{named}*");
    }

    [Fact]
    public void Validate_SyslogHeaderFieldsWithSpaces_Refused()
    {
        var options = new MonitoringOptions { Syslog = new SyslogOptions { Host = "127.0.0.1", AppName = "pro xus", Hostname = "host\nname", Facility = 24 } };

        var result = new MonitoringOptionsValidator().Validate(null, options);

        result.Failures.Should().Contain(f => f.Contains("AppName")).And.Contain(f => f.Contains("Hostname")).And.Contain(f => f.Contains("Facility"));
    }

    [Fact]
    public void Validate_WebhookOverPlainHttpToLoopbackWithLongSecret_Succeeds()
    {
        var options = new MonitoringOptions { Webhook = new WebhookOptions { Url = new Uri("http://127.0.0.1:9000/hook"), Secret = new string('s', 32) } };

        new MonitoringOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }
}
