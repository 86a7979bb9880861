using Proxus.Server.Monitoring;

namespace Proxus.Server.Tests.Monitoring;

/// <summary>The event rules: each provoked, and each quiet under normal traffic.</summary>
public sealed class SecurityEventRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid KnownAgent = Guid.NewGuid();

    [Fact]
    public async Task AuthenticationFailures_ThresholdFromOneSourceWithinWindow_RaisesWithThresholdCount()
    {
        var rules = Rules(new AlertRuleOptions { AuthenticationFailureThreshold = 5, AuthenticationFailureWindow = TimeSpan.FromMinutes(5) });

        var raised = new List<AlertCandidate>();
        for (var i = 0; i < 5; i++)
        {
            raised.AddRange(await rules.EvaluateAsync(AuthFailure("10.9.8.7", Start.AddSeconds(i * 30)), CancellationToken.None));
        }

        raised.Should().ContainSingle(c => c.Rule == AlertRules.AuthenticationFailures)
            .Which.Should().Match<AlertCandidate>(c => c.Subject == "source:10.9.8.7" && c.Severity == AlertSeverity.High && c.Occurrences == 5
                && c.Summary == "5 or more authentication failures within 5 min from 10.9.8.7");
    }

    [Fact]
    public async Task AuthenticationFailures_NormalLoad_Quiet()
    {
        var rules = Rules(new AlertRuleOptions { AuthenticationFailureThreshold = 5, AuthenticationFailureWindow = TimeSpan.FromMinutes(5) });
        var raised = new List<AlertCandidate>();

        // An agent mistyping now and then (one failure every two minutes), and many sources failing once each.
        for (var i = 0; i < 20; i++)
        {
            raised.AddRange(await rules.EvaluateAsync(AuthFailure("10.0.0.1", Start.AddMinutes(i * 2)), CancellationToken.None));
            raised.AddRange(await rules.EvaluateAsync(AuthFailure($"10.0.1.{i}", Start.AddMinutes(i * 2)), CancellationToken.None));
        }

        raised.Should().NotContain(c => c.Rule == AlertRules.AuthenticationFailures);
    }

    [Fact]
    public async Task AclDenials_BurstFromOneClient_Raises()
    {
        var rules = Rules(new AlertRuleOptions { AclDenialThreshold = 10, AclDenialWindow = TimeSpan.FromMinutes(1) });
        var raised = new List<AlertCandidate>();

        for (var i = 0; i < 10; i++)
        {
            raised.AddRange(await rules.EvaluateAsync(new SecurityEvent(SecurityEventType.AclDenied, "agent:a", "127.0.0.1") { OccurredAt = Start.AddSeconds(i) }, CancellationToken.None));
        }

        raised.Should().ContainSingle().Which.Should().Match<AlertCandidate>(c => c.Rule == AlertRules.AclDenialBurst && c.Subject == "agent:a" && c.Occurrences == 10
            && c.Summary == "10 or more ACL denials within 1 min for agent:a");
    }

    [Fact]
    public async Task AclDenials_OccasionalDenials_Quiet()
    {
        var rules = Rules(new AlertRuleOptions { AclDenialThreshold = 10, AclDenialWindow = TimeSpan.FromMinutes(1) });
        var raised = new List<AlertCandidate>();

        for (var i = 0; i < 50; i++)
        {
            raised.AddRange(await rules.EvaluateAsync(new SecurityEvent(SecurityEventType.AclDenied, "agent:a") { OccurredAt = Start.AddSeconds(i * 10) }, CancellationToken.None));
        }

        raised.Should().BeEmpty("five denials a minute stay under ten");
    }

    [Fact]
    public async Task RevokedCertificate_Presented_RaisesCritical()
    {
        var raised = await Rules().EvaluateAsync(new SecurityEvent(SecurityEventType.RevokedCertificatePresented, "certificate:0A1B", "10.1.1.1") { OccurredAt = Start }, CancellationToken.None);

        raised.Should().ContainSingle().Which.Should().Match<AlertCandidate>(c => c.Rule == AlertRules.RevokedCertificate && c.Severity == AlertSeverity.Critical && c.Subject == "certificate:0A1B" && c.Source == "10.1.1.1");
    }

    [Fact]
    public async Task RevokedCertificate_OtherRefusals_Quiet()
    {
        var raised = await Rules().EvaluateAsync(AuthFailure("10.1.1.1", Start, reason: "Expired"), CancellationToken.None);

        raised.Should().NotContain(c => c.Rule == AlertRules.RevokedCertificate);
    }

    [Fact]
    public async Task UnknownClientId_NamesNoAgent_Raises()
    {
        var raised = await Rules().EvaluateAsync(AuthFailure("10.2.2.2", Start, clientId: "plc-scanner\n"), CancellationToken.None);

        raised.Should().ContainSingle(c => c.Rule == AlertRules.UnknownClientId).Which.Subject.Should().Be("mqtt-client:plc-scanner\n");
    }

    [Fact]
    public async Task UnknownClientId_KnownAgentOrTlsStage_Quiet()
    {
        var rules = Rules();

        var agentRefused = await rules.EvaluateAsync(AuthFailure("10.2.2.2", Start, clientId: KnownAgent.ToString("D")), CancellationToken.None);
        var tlsRefused = await rules.EvaluateAsync(AuthFailure("10.2.2.2", Start, clientId: null), CancellationToken.None);

        agentRefused.Concat(tlsRefused).Should().NotContain(c => c.Rule == AlertRules.UnknownClientId);
    }

    [Theory]
    [InlineData(SecurityEventType.ConfigurationRejected, AlertRules.AgentRejection)]
    [InlineData(SecurityEventType.CommandRejected, AlertRules.AgentRejection)]
    [InlineData(SecurityEventType.WriteOutsideWindow, AlertRules.WriteOutsideWindow)]
    public async Task SingleEventRules_Event_RaisesHigh(SecurityEventType type, string rule)
    {
        var raised = await Rules().EvaluateAsync(new SecurityEvent(type, "agent:x", Details: new Dictionary<string, string?> { ["reason"] = "bad signature" }) { OccurredAt = Start }, CancellationToken.None);

        raised.Should().ContainSingle().Which.Should().Match<AlertCandidate>(c => c.Rule == rule && c.Severity == AlertSeverity.High && c.Details!["reason"] == "bad signature");
    }

    [Fact]
    public async Task SingleEventRules_NormalTraffic_Quiet()
    {
        var rules = Rules();

        // What normal operation raises: the odd failed login and ACL denial, nothing an agent rejected, no write outside its window.
        var raised = new List<AlertCandidate>();
        raised.AddRange(await rules.EvaluateAsync(AuthFailure("10.0.0.9", Start, clientId: KnownAgent.ToString("D")), CancellationToken.None));
        raised.AddRange(await rules.EvaluateAsync(new SecurityEvent(SecurityEventType.AclDenied, "agent:a") { OccurredAt = Start }, CancellationToken.None));

        raised.Should().BeEmpty();
    }

    [Fact]
    public async Task DisabledRule_Provoked_Quiet()
    {
        var rules = Rules(new AlertRuleOptions { Disabled = [AlertRules.RevokedCertificate, AlertRules.UnknownClientId] });

        var raised = new List<AlertCandidate>();
        raised.AddRange(await rules.EvaluateAsync(new SecurityEvent(SecurityEventType.RevokedCertificatePresented, "certificate:01") { OccurredAt = Start }, CancellationToken.None));
        raised.AddRange(await rules.EvaluateAsync(AuthFailure("10.0.0.9", Start, clientId: "nobody"), CancellationToken.None));

        raised.Should().BeEmpty();
    }

    [Fact]
    public async Task EvaluateAsync_EventWithoutTime_Throws()
    {
        var evaluate = async () => await Rules().EvaluateAsync(new SecurityEvent(SecurityEventType.AclDenied, "x"), CancellationToken.None);

        await evaluate.Should().ThrowAsync<ArgumentException>();
    }

    private static SecurityEventRules Rules(AlertRuleOptions? options = null) => new(options ?? new AlertRuleOptions(), new Directory());

    private static SecurityEvent AuthFailure(string source, DateTimeOffset at, string? clientId = null, string reason = "NoCertificate")
        => new(SecurityEventType.AuthenticationFailed, "mqtt-client:x", source, new Dictionary<string, string?> { [SecurityEventRules.ClientIdDetail] = clientId, ["reason"] = reason }) { OccurredAt = at };

    private sealed class Directory : IAgentDirectory
    {
        public ValueTask<bool> IsAgentAsync(string clientId, CancellationToken cancellationToken)
            => ValueTask.FromResult(clientId == KnownAgent.ToString("D"));
    }
}
