namespace Proxus.Server.Monitoring;

/// <summary>
/// The rules that judge single security events: repeated authentication failures per source,
/// ACL-denial bursts per client, revoked certificates, unknown client ids, rejections by agents and
/// writes outside their window. Not thread-safe: the alert engine evaluates events on one loop.
/// </summary>
internal sealed class SecurityEventRules(AlertRuleOptions options, IAgentDirectory agents)
{
    public const string ClientIdDetail = "clientId";
    public const string ReasonDetail = "reason";

    private readonly SlidingWindowCounter _authenticationFailures = new(options.AuthenticationFailureThreshold, options.AuthenticationFailureWindow);
    private readonly SlidingWindowCounter _aclDenials = new(options.AclDenialThreshold, options.AclDenialWindow);

    public async ValueTask<IReadOnlyList<AlertCandidate>> EvaluateAsync(SecurityEvent securityEvent, CancellationToken cancellationToken)
    {
        var at = securityEvent.OccurredAt ?? throw new ArgumentException("The event has no time.", nameof(securityEvent));
        var candidates = new List<AlertCandidate>(2);
        switch (securityEvent.Type)
        {
            case SecurityEventType.AuthenticationFailed:
                EvaluateAuthenticationFailure(securityEvent, at, candidates);
                await EvaluateClientIdAsync(securityEvent, at, candidates, cancellationToken);
                break;
            case SecurityEventType.AclDenied when options.IsEnabled(AlertRules.AclDenialBurst)
                && _aclDenials.Add(securityEvent.Subject, at):
                candidates.Add(Candidate(AlertRules.AclDenialBurst, AlertSeverity.Medium, securityEvent, at, $"{options.AclDenialThreshold} or more ACL denials within {AlertText.Duration(options.AclDenialWindow)} for {securityEvent.Subject}") with { Occurrences = options.AclDenialThreshold });
                break;
            case SecurityEventType.RevokedCertificatePresented when options.IsEnabled(AlertRules.RevokedCertificate):
                candidates.Add(Candidate(AlertRules.RevokedCertificate, AlertSeverity.Critical, securityEvent, at, $"Revoked {securityEvent.Subject} presented"));
                break;
            case SecurityEventType.ConfigurationRejected when options.IsEnabled(AlertRules.AgentRejection):
                candidates.Add(Candidate(AlertRules.AgentRejection, AlertSeverity.High, securityEvent, at, $"{securityEvent.Subject} rejected a signed configuration"));
                break;
            case SecurityEventType.CommandRejected when options.IsEnabled(AlertRules.AgentRejection):
                candidates.Add(Candidate(AlertRules.AgentRejection, AlertSeverity.High, securityEvent, at, $"{securityEvent.Subject} rejected a signed command"));
                break;
            case SecurityEventType.WriteOutsideWindow when options.IsEnabled(AlertRules.WriteOutsideWindow):
                candidates.Add(Candidate(AlertRules.WriteOutsideWindow, AlertSeverity.High, securityEvent, at, $"{securityEvent.Subject} requested outside its allowed window"));
                break;
        }

        return candidates;
    }

    private void EvaluateAuthenticationFailure(SecurityEvent securityEvent, DateTimeOffset at, List<AlertCandidate> candidates)
    {
        var source = securityEvent.Source ?? "unknown";
        if (options.IsEnabled(AlertRules.AuthenticationFailures) && _authenticationFailures.Add(source, at))
        {
            candidates.Add(Candidate(AlertRules.AuthenticationFailures, AlertSeverity.High, securityEvent with { Subject = "source:" + source }, at, $"{options.AuthenticationFailureThreshold} or more authentication failures within {AlertText.Duration(options.AuthenticationFailureWindow)} from {source}") with { Occurrences = options.AuthenticationFailureThreshold });
        }
    }

    private async ValueTask EvaluateClientIdAsync(SecurityEvent securityEvent, DateTimeOffset at, List<AlertCandidate> candidates, CancellationToken cancellationToken)
    {
        if (options.IsEnabled(AlertRules.UnknownClientId)
            && securityEvent.Details?.GetValueOrDefault(ClientIdDetail) is { Length: > 0 } clientId
            && !await agents.IsAgentAsync(clientId, cancellationToken))
        {
            candidates.Add(Candidate(AlertRules.UnknownClientId, AlertSeverity.Medium, securityEvent with { Subject = "mqtt-client:" + clientId }, at, $"CONNECT with client id '{clientId}', which names no agent"));
        }
    }

    private static AlertCandidate Candidate(string rule, AlertSeverity severity, SecurityEvent securityEvent, DateTimeOffset at, string summary)
        => new(rule, severity, securityEvent.Subject, summary, at, securityEvent.Source, securityEvent.Details);
}
