namespace Proxus.Server.Audit;

/// <summary>The audit event types written so far.</summary>
public static class AuditEventTypes
{
    public const string SiteCreated = "fleet.site-created";
    public const string AgentCreated = "fleet.agent-created";
    public const string AgentDeleted = "fleet.agent-deleted";
    public const string EnrollmentTokenCreated = "enrollment.token-created";
    public const string EnrollmentSucceeded = "enrollment.succeeded";
    public const string EnrollmentRejected = "enrollment.rejected";
    public const string CertificateRenewed = "certificate.renewed";
    public const string CertificateRenewalRejected = "certificate.renewal-rejected";
    public const string CertificateRevoked = "certificate.revoked";
    public const string SiteNamespaceSet = "configuration.namespace-set";
    public const string TagMapImported = "configuration.tag-map-imported";
    public const string TagMapImportRejected = "configuration.tag-map-rejected";
    public const string TagMapRolledBack = "configuration.tag-map-rolled-back";
    public const string AgentConfigIssued = "configuration.agent-config-issued";
    public const string AgentConfigApplied = "configuration.agent-config-applied";
    public const string AgentConfigRejected = "configuration.agent-config-rejected";
    public const string MqttAuthenticationFailed = "mqtt.authentication-failed";
    public const string MqttAclDenied = "mqtt.acl-denied";
    public const string MqttAuditDropped = "mqtt.audit-dropped";
}
